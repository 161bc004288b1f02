# Shared by the benchmark scripts (sourced, not run): logging, the load warning and the
# instant hook tool. The sourcing script defines harness_error.

log() { echo "[bench] $*" >&2; }

# Sets LOADAVG (the 1-minute load average) and warns when the machine is busy: a parallel
# compile distorts every wall time. $1: what the warning adds about it.
warn_if_busy() {
    local cpus
    read -r LOADAVG _ </proc/loadavg
    cpus=$(nproc)
    if awk -v l="$LOADAVG" -v c="$cpus" 'BEGIN { exit !(l > c / 2) }'; then
        log "warning: load average $LOADAVG on $cpus cpus; ${1:-results will be noisy}"
    fi
}

# Builds bench/runtime/instant_tool.c (static) as $1.
build_instant_tool() {
    "${CC:-cc}" -static -O2 -o "$1" "$(dirname "${BASH_SOURCE[0]}")/runtime/instant_tool.c" ||
        harness_error "cannot build the instant tool with ${CC:-cc} -static (install libc6-dev)"
}
