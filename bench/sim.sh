#!/usr/bin/env bash
# Benchmark charm-sim: its overhead when deploying 3 units of a native charm and relating them
# to another application, and the cost of one hook-tool call made from inside a hook.
#
# Usage: bench/sim.sh BUILD_DIR [--quick] [--format table|json]
#
#   BUILD_DIR       a CMake build dir with charm-build, charm, charm-sim and charm-sim-tool built
#   --quick         fewer runs and calls (numbers indicative only)
#   --format json   one JSON document on stdout instead of the table
#
# Env: CC (default cc) builds the instant tool used as the spawn-cost baseline; PYTHON
# (python3); TMPDIR.
#
# Exit status: 0 when everything ran (missed targets are flagged, not failures), 1 when
# charm-build, charm-sim or a hook failed (its output is printed), 2 on a usage or harness error.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HELPERS=$BENCH_DIR/runtime
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
PY=${PYTHON:-python3}

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
harness_error() { echo "bench/sim.sh: $*" >&2; exit 2; }

parse_args() {
    BUILD="" QUICK=0 FORMAT=table
    while (($#)); do
        case "$1" in
            --quick) QUICK=1 ;;
            --format) FORMAT=${2:-}; shift ;;
            --format=*) FORMAT=${1#*=} ;;
            -h|--help) usage ;;
            -*) echo "unknown option: $1" >&2; usage ;;
            *) [[ -z $BUILD ]] || usage; BUILD=$1 ;;
        esac
        shift
    done
    [[ -n $BUILD ]] || usage
    [[ $FORMAT == table || $FORMAT == json ]] || harness_error "--format must be table or json"
    BUILD=$(realpath -- "$BUILD")
    local exe
    for exe in charm-build charm-sim charm-sim-tool; do
        [[ -x $BUILD/src/$exe ]] ||
            harness_error "$BUILD/src/$exe not found (ninja -C $BUILD charm-build charm charm-sim charm-sim-tool)"
    done
}

main() {
    parse_args "$@"
    local runs=7 calls=301
    if ((QUICK)); then runs=3 calls=51; fi
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/charm-sim-bench.XXXXXX")
    trap 'rm -rf -- "$WORK"' EXIT
    trap 'exit 130' INT TERM
    warn_if_busy
    log "build dir: $BUILD"
    log "work dir: $WORK (removed at exit)"

    build_instant_tool "$WORK/instant-tool"
    "$PY" "$HELPERS/gen_sim_charms.py" "$REPO_DIR/layers/basic" "$WORK/src" >"$WORK/src.env" ||
        harness_error "gen_sim_charms.py failed"
    # shellcheck disable=SC1090
    source "$WORK/src.env"
    local layer
    for layer in "$SERVER" "$CLIENT"; do
        log "building $(basename "$layer") (handlers compiled once, not timed)"
        if ! env CHARM_LAYERS_DIR="$LAYERS" CHARM_INTERFACES_DIR="$WORK/src/interfaces" \
            CHARM_BUILD_CACHE="$WORK/cache" "$BUILD/src/charm-build" -o "$WORK/charms" "$layer" \
            >/dev/null 2>"$WORK/build.err"; then
            cat "$WORK/build.err" >&2
            echo "bench/sim.sh: charm-build $layer failed" >&2
            exit 1
        fi
    done
    log "deploy and relate: $runs runs, each in a fresh model"
    local args=(--sim "$BUILD/src/charm-sim" --server "$WORK/charms/bench-server" --client "$WORK/charms/bench-client"
                --work "$WORK" --runs "$runs" --tool-calls "$calls" --baseline "$WORK/instant-tool"
                --format "$FORMAT" --loadavg "$LOADAVG")
    if ((QUICK)); then args+=(--quick); fi
    (cd "$WORK" && "$PY" "$HELPERS/sim_bench.py" "${args[@]}")
}

main "$@"
