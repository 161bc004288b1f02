#!/usr/bin/env bash
# Benchmark the native hook runtime: hook dispatch, hook-tool processes per hook, cold compile
# of a charm's handlers against the bare compiler, rebuild with unchanged handlers, and the
# size of the hook binary.
#
# Usage: bench/runtime.sh BUILD_DIR [--quick] [--format table|json] [--handlers LIST]
#
#   BUILD_DIR       a CMake build dir with charm-build and libcharm built
#                   (ninja -C BUILD_DIR charm-build charm)
#   --quick         fewer runs (numbers indicative only)
#   --format json   one JSON document on stdout instead of the table
#   --handlers LIST handler counts of the generated charms (default 5,50)
#
# Env: CC (default cc) builds the instant hook tool; CXX and CHARM_CXXFLAGS are honoured as
# charm-build honours them (the bare-compiler baseline uses the same); PYTHON (python3);
# VALGRIND (valgrind; set it empty to skip the instruction counts); TMPDIR;
# BENCH_KEEP=1 keeps the work dir (its path is logged) for profiling by hand.
#
# Exit status: 0 when everything ran (missed targets are flagged, not failures), 1 when
# charm-build or a hook failed (its stderr is printed), 2 on a usage or harness error.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HELPERS=$BENCH_DIR/runtime
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
PY=${PYTHON:-python3}
VALGRIND=${VALGRIND-valgrind}

# Every hook tool the runtime can call; the instant tool answers under each name.
TOOL_NAMES=(action-fail action-get action-log action-set application-version-set close-port
            config-get credential-get goal-state is-leader juju-log juju-reboot leader-get
            leader-set network-get open-port opened-ports relation-get relation-ids
            relation-list relation-set resource-get status-get status-set storage-add
            storage-get storage-list unit-get)
# Hooks run once, untimed, to bring a fresh unit to its steady state before the idle hooks.
SETUP_HOOKS=(install leader-elected config-changed start)
IDLE_HOOK=update-status

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
harness_error() { echo "bench/runtime.sh: $*" >&2; exit 2; }
measured_failed() { echo "bench/runtime.sh: $1 failed" >&2; exit 1; }

parse_args() {
    BUILD="" QUICK=0 FORMAT=table HANDLERS=5,50
    while (($#)); do
        case "$1" in
            --quick) QUICK=1 ;;
            --format) FORMAT=${2:-}; shift ;;
            --format=*) FORMAT=${1#*=} ;;
            --handlers) HANDLERS=${2:-}; shift ;;
            --handlers=*) HANDLERS=${1#*=} ;;
            -h|--help) usage ;;
            -*) echo "unknown option: $1" >&2; usage ;;
            *) [[ -z $BUILD ]] || usage; BUILD=$1 ;;
        esac
        shift
    done
    [[ -n $BUILD ]] || usage
    [[ $FORMAT == table || $FORMAT == json ]] || harness_error "--format must be table or json"
    IFS=, read -r -a COUNTS <<<"$HANDLERS"
    local n
    for n in "${COUNTS[@]}"; do [[ $n =~ ^[1-9][0-9]*$ ]] || harness_error "bad handler count: $n"; done
    BUILD=$(realpath -- "$BUILD")
    CHARM_BUILD=$BUILD/src/charm-build
    TOOLCHAIN=$BUILD/src/charm-build-toolchain.json
    [[ -x $CHARM_BUILD ]] || harness_error "$CHARM_BUILD not found (ninja -C $BUILD charm-build charm)"
    [[ -f $TOOLCHAIN ]] || harness_error "$TOOLCHAIN not found (re-run cmake for $BUILD)"
    LIBCHARM=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["libcharm"])' "$TOOLCHAIN")
    [[ -f $LIBCHARM ]] || harness_error "libcharm not built: $LIBCHARM (ninja -C $BUILD charm)"
}

# Runs per measurement: hooks >= 30 (the issue's rule), builds fewer (a cold compile takes
# seconds to minutes).
plan_runs() {
    if ((QUICK)); then
        HOOK_RUNS=11 HOOK_WARMUP=2 COLD_RUNS=1 COLD_WARMUP=0 WARM_RUNS=5 WARM_WARMUP=1
    else
        HOOK_RUNS=41 HOOK_WARMUP=5 COLD_RUNS=3 COLD_WARMUP=1 WARM_RUNS=15 WARM_WARMUP=2
    fi
}

make_workdir() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/charm-runtime-bench.XXXXXX")
    if [[ -z ${BENCH_KEEP:-} ]]; then trap 'rm -rf -- "$WORK"' EXIT; else log "keeping $WORK (BENCH_KEEP)"; fi
    trap 'exit 130' INT TERM
    RESULTS=$WORK/results
    mkdir -p "$RESULTS" "$WORK/home" "$WORK/interfaces"
}

# The instant hook tool, hard-linked under every tool name (a hard link keeps argv[0]).
build_instant_tools() {
    TOOLS=$WORK/tools
    mkdir -p "$TOOLS"
    build_instant_tool "$TOOLS/instant-tool"
    local name
    for name in "${TOOL_NAMES[@]}"; do ln "$TOOLS/instant-tool" "$TOOLS/$name"; done
    "${CC:-cc}" -static -O2 -o "$WORK/tools-floor" "$HELPERS/tools_floor.c" ||
        harness_error "cannot build the floor program with ${CC:-cc} -static"
}

timer() { "$PY" "$HELPERS/spawn_timer.py" "$@"; }

# The environment charm-build runs with: nothing of the caller's but PATH and the compiler choice.
build_env() {
    local layers=$1 cache=$2
    BUILD_ENV=(--env "PATH=$PATH" --env "HOME=$WORK/home" --env "CHARM_LAYERS_DIR=$layers"
               --env "CHARM_INTERFACES_DIR=$WORK/interfaces" --env "CHARM_BUILD_CACHE=$cache")
    if [[ -n ${CXX:-} ]]; then BUILD_ENV+=(--env "CXX=$CXX"); fi
    if [[ -n ${CHARM_CXXFLAGS+x} ]]; then BUILD_ENV+=(--env "CHARM_CXXFLAGS=$CHARM_CXXFLAGS"); fi
}

# (2) cold compile: charm-build with an empty cache vs the bare compiler on the same sources
# with the same command lines, interleaved.
measure_cold_compile() {
    local n=$1 set=$2 res=$3
    local runs=$WORK/runs/$n
    local top=$NATIVE_LAYERS/$CHARM_NAME
    # The entry point charm-build generates, byte for byte (src/build/native_hooks.cpp).
    mkdir -p "$set/generated/charm-build" "$set/empty-headers"
    printf '%s\n' "// Generated by charm-build: the entry point of this charm's hook binary." \
        "#include <charm/runtime.hpp>" \
        "int main(int argc, char** argv) { return charm::run_hook(argc, argv); }" \
        >"$set/generated/charm-build/main.cpp"
    local sources=("$top"/reactive/*.cpp "$set/generated/charm-build/main.cpp")
    build_env "$NATIVE_LAYERS" "$runs/cold-cache"
    log "  cold compile: charm-build (empty cache) vs bare compiler, $COLD_WARMUP warm-up + $COLD_RUNS runs each"
    timer --runs "$COLD_RUNS" --warmup "$COLD_WARMUP" \
        --name charm-build-cold --cwd "$WORK" "${BUILD_ENV[@]}" \
            --fresh-dir "$runs/cold-cache" --fresh-dir "$runs/cold-out" \
            -- "$CHARM_BUILD" -o "$runs/cold-out" "$top" \
        ::: --name bare-compiler --cwd "$WORK" "${BUILD_ENV[@]}" --fresh-dir "$runs/bare-obj" \
            -- "$(command -v "$PY")" "$HELPERS/bare_compile.py" --toolchain "$TOOLCHAIN" \
               --include-root "$set/empty-headers" --objdir "$runs/bare-obj" --out "$runs/bare-obj/dispatch" \
               "${sources[@]}" \
        >"$res/cold.json" || measured_failed "$CHARM_NAME: cold compile"
    cp "$runs/bare-obj/dispatch" "$res/bare-dispatch"
}

# (2) rebuild with unchanged handlers (warm compile cache, fresh output dir) vs the plain,
# non-native build of the same layer.
measure_warm_rebuild() {
    local n=$1 res=$2
    local runs=$WORK/runs/$n
    build_env "$NATIVE_LAYERS" "$runs/warm-cache"
    local native_env=("${BUILD_ENV[@]}")
    # Fill the cache once (untimed); the output is the charm the hook benchmark runs.
    mkdir -p "$runs/warm-cache" "$runs/charm"
    run_build "$runs/charm" "$NATIVE_LAYERS/$CHARM_NAME" "$runs/warm-cache" "$NATIVE_LAYERS"
    build_env "$PLAIN_LAYERS" "$runs/plain-cache"
    local plain_env=("${BUILD_ENV[@]}")
    log "  rebuild with unchanged handlers vs plain build: $WARM_WARMUP warm-up + $WARM_RUNS runs each"
    timer --runs "$WARM_RUNS" --warmup "$WARM_WARMUP" \
        --name native-warm --cwd "$WORK" "${native_env[@]}" --fresh-dir "$runs/warm-out" \
            -- "$CHARM_BUILD" -o "$runs/warm-out" "$NATIVE_LAYERS/$CHARM_NAME" \
        ::: --name plain --cwd "$WORK" "${plain_env[@]}" --fresh-dir "$runs/plain-out" \
            -- "$CHARM_BUILD" -o "$runs/plain-out" "$PLAIN_LAYERS/$CHARM_NAME" \
        >"$res/warm.json" || measured_failed "$CHARM_NAME: rebuild"
    if [[ -e $runs/plain-out/$CHARM_NAME/dispatch ]]; then
        harness_error "the plain build of $CHARM_NAME has a dispatch binary: it is not a non-native build"
    fi
}

# One untimed charm-build run (its stderr shown if it fails).
run_build() {
    local out=$1 top=$2 cache=$3 layers=$4
    if ! env -i PATH="$PATH" HOME="$WORK/home" CHARM_LAYERS_DIR="$layers" CHARM_INTERFACES_DIR="$WORK/interfaces" \
        CHARM_BUILD_CACHE="$cache" ${CXX:+CXX="$CXX"} ${CHARM_CXXFLAGS+CHARM_CXXFLAGS="$CHARM_CXXFLAGS"} \
        "$CHARM_BUILD" -o "$out" "$top" >/dev/null 2>"$WORK/build.err"; then
        cat "$WORK/build.err" >&2
        measured_failed "charm-build $top"
    fi
}

# (3) the hook binary's size, and what it is made of (sections).
measure_size() {
    local n=$1 res=$2
    local dispatch=$WORK/runs/$n/charm/$CHARM_NAME/dispatch
    [[ -f $dispatch ]] || measured_failed "$CHARM_NAME: no dispatch binary was built"
    stat -c %s "$dispatch" >"$res/size_bytes"
    size -A "$dispatch" 2>/dev/null | awk '$1 ~ /^\.(text|rodata|data|bss|eh_frame|gcc_except_table|data\.rel\.ro)$/ { printf "%s %s\n", $1, $2 }' \
        >"$res/sections" || true
}

# The environment of one hook of unit $1 (a copy of the built charm), as the agent sets it.
hook_env() {
    local unit=$1 name=$2 hook=$3
    HOOK_ENV=(--env "PATH=$TOOLS:/usr/bin:/bin" --env "HOME=$WORK/home" --env "LANG=C.UTF-8"
              --env "JUJU_UNIT_NAME=$name/0" --env "JUJU_MODEL_NAME=bench"
              --env "JUJU_MODEL_UUID=00000000-0000-4000-8000-000000000000" --env "JUJU_VERSION=3.4.0"
              --env "JUJU_MACHINE_ID=0" --env "JUJU_AVAILABILITY_ZONE=" --env "JUJU_CHARM_DIR=$unit"
              --env "CHARM_DIR=$unit" --env "JUJU_DISPATCH_PATH=hooks/$hook" --env "JUJU_HOOK_NAME=$hook"
              --env "JUJU_CONTEXT_ID=$name/0-$hook-1")
}

# A unit of charm N: its own copy of the built charm, brought to steady state by the setup hooks.
prepare_unit() {
    local n=$1 name=$2 unit=$WORK/units/$1 hook
    mkdir -p "$WORK/units"
    cp -a "$WORK/runs/$n/charm/$name" "$unit"
    for hook in "${SETUP_HOOKS[@]}"; do
        hook_env "$unit" "$name" "$hook"
        timer --runs 1 --warmup 0 --name "$hook" --cwd "$unit" "${HOOK_ENV[@]}" \
            --count-file "$WORK/setup.count" -- "$unit/dispatch" >/dev/null ||
            measured_failed "$name: setup hook $hook"
    done
}

# (1) idle hooks of every charm and the baseline (one instant tool), interleaved.
measure_hooks() {
    local groups=() n name unit
    hook_env "$WORK" baseline "$IDLE_HOOK"
    groups+=(--name baseline --cwd "$WORK" "${HOOK_ENV[@]}" --count-file "$WORK/baseline.count"
             -- "$TOOLS/config-get")
    # The floor: only the three tools an idle hook needs, started at once by a static C program.
    groups+=(::: --name floor --cwd "$WORK" "${HOOK_ENV[@]}" --count-file "$WORK/floor.count"
             -- "$WORK/tools-floor")
    for n in "${COUNTS[@]}"; do
        name=bench-$n unit=$WORK/units/$n
        hook_env "$unit" "$name" "$IDLE_HOOK"
        groups+=(::: --name "hook-$n" --cwd "$unit" "${HOOK_ENV[@]}" --count-file "$WORK/hook-$n.count"
                 -- "$unit/dispatch")
        # The same hook with debugging on: juju-log may then run per message.
        groups+=(::: --name "hook-$n-debug" --cwd "$unit" "${HOOK_ENV[@]}" --env JUJU_DEBUG=1
                 --count-file "$WORK/hook-$n-debug.count" -- "$unit/dispatch")
    done
    log "hooks: $IDLE_HOOK of each charm and the instant-tool baseline, $HOOK_WARMUP warm-up + $HOOK_RUNS runs each, interleaved"
    timer --runs "$HOOK_RUNS" --warmup "$HOOK_WARMUP" "${groups[@]}" >"$RESULTS/hooks.json" ||
        measured_failed "idle hook"
}

# Instructions of one idle hook (the dispatch process only; the tools it starts are the
# baseline's cost) and of one instant tool, with the functions that dominate. The hook runs a
# copy of dispatch linked again from the bare-compiler objects without -s: the same code, with
# symbols, so callgrind can name the functions.
measure_instructions() {
    local n name unit
    if [[ -z $VALGRIND ]] || ! command -v "$VALGRIND" >/dev/null; then
        log "instruction counts skipped: valgrind not found (apt-get install valgrind)"
        return
    fi
    mkdir -p "$RESULTS/callgrind"
    log "instruction counts (callgrind): one $IDLE_HOOK per charm, one instant tool"
    callgrind_run "$RESULTS/callgrind/baseline.out" "$WORK" "$(hook_env_assignments "$WORK" baseline)" \
        "$TOOLS/config-get"
    for n in "${COUNTS[@]}"; do
        name=bench-$n unit=$WORK/units/$n
        "$PY" "$HELPERS/bare_compile.py" --toolchain "$TOOLCHAIN" --objdir "$WORK/runs/$n/bare-obj" \
            --relink-unstripped "$unit/dispatch.symbols" ||
            harness_error "relinking dispatch with symbols failed"
        callgrind_run "$RESULTS/callgrind/hook-$n.out" "$unit" "$(hook_env_assignments "$unit" "$name")" \
            "$unit/dispatch.symbols"
    done
}

hook_env_assignments() {
    hook_env "$1" "$2" "$IDLE_HOOK"
    local i
    for ((i = 1; i < ${#HOOK_ENV[@]}; i += 2)); do printf '%s\n' "${HOOK_ENV[i]}"; done
    echo "BENCH_TOOL_COUNT=$WORK/callgrind.count"
}

callgrind_run() {
    local out=$1 dir=$2 assignments=$3 exe=$4 vars=()
    mapfile -t vars <<<"$assignments"
    if ! (cd "$dir" && env -i "${vars[@]}" "$VALGRIND" --tool=callgrind --callgrind-out-file="$out" \
            "$exe" >/dev/null 2>"$out.err"); then
        cat "$out.err" >&2
        measured_failed "callgrind run of $exe"
    fi
    callgrind_annotate --inclusive=no "$out" 2>/dev/null | head -40 >"$out.top" || true
    callgrind_annotate --inclusive=yes "$out" 2>/dev/null | head -60 >"$out.incl" || true
}

measure_charm() {
    local n=$1 set=$WORK/sets/$1 res=$RESULTS/charm-$1
    mkdir -p "$res" "$WORK/runs/$n" "$WORK/sets"
    "$PY" "$HELPERS/gen_charm.py" "$n" "$REPO_DIR/layers/basic" "$set" >"$set.env" ||
        harness_error "gen_charm.py failed"
    # shellcheck disable=SC1090
    source "$set.env"
    log "$CHARM_NAME: $n handlers in $HANDLER_FILES source file(s)"
    echo "$HANDLER_FILES" >"$res/handler_files"
    measure_cold_compile "$n" "$set" "$res"
    measure_warm_rebuild "$n" "$res"
    measure_size "$n" "$res"
    prepare_unit "$n" "$CHARM_NAME"
}

main() {
    parse_args "$@"
    plan_runs
    make_workdir
    warn_if_busy "wall times will be noisy (CPU times and instruction counts less so)"
    log "build dir: $BUILD"
    log "work dir: $WORK (removed at exit)"
    build_instant_tools
    local n
    for n in "${COUNTS[@]}"; do measure_charm "$n"; done
    measure_hooks
    measure_instructions
    local report_args=(--format "$FORMAT" --build "$BUILD" --loadavg "$LOADAVG" --handlers "$HANDLERS")
    if ((QUICK)); then report_args+=(--quick); fi
    "$PY" "$HELPERS/report.py" "${report_args[@]}" "$RESULTS"
}

main "$@"
