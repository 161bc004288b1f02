#!/usr/bin/env bash
# Benchmark charm-build against `cp -a` of its own output (the I/O floor).
#
# Usage: bench/run.sh BINARY [--quick] [--format table|json] [--sets LIST]
#
#   BINARY          charm-build executable (path, or a name on PATH)
#   --quick         fewer sets (realistic, files-1000, files-2500) and runs;
#                   for CI smoke runs, numbers are indicative only
#   --format json   print one JSON document on stdout instead of the table
#                   (progress always goes to stderr)
#   --sets LIST     comma-separated subset, e.g. realistic,files-5000
#
# Env:
#   BENCH_EXTRA_ARGS  extra arguments appended to every charm-build call
#                     (split on whitespace, no quoting)
#   PYTHON            python3 interpreter to use (default: python3)
#
# For each set, measured in the same run:
#   (a) full build into a fresh build dir          } interleaved a,b,a,b...
#   (b) cp -a of the built tree into a fresh dir   } so load drift hits both
#   (c) no-op rebuild into the existing target
#   (d) realistic set only: full build with -F (.charm) vs without   } interleaved
#   peak RSS of (a) via GNU time (/usr/bin/time -f %M, Debian package `time`)
#
# Exit status: 0 when every charm-build call succeeded (missed targets do not
# fail the run), 1 when charm-build failed (its stderr is printed), 2 on a
# usage or harness error.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=${PYTHON:-python3}
GNU_TIME=/usr/bin/time

ALL_SETS=(realistic files-1000 files-2500 files-5000 files-10000)
QUICK_SETS=(realistic files-1000 files-2500)

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

usage() {
    sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

harness_error() { echo "bench/run.sh: $*" >&2; exit 2; }

# Exit 1 when a measured command failed: timer.py has already printed the
# command and its stderr, so only say where it happened.
binary_failed() {
    echo "bench/run.sh: charm-build failed during $1" >&2
    exit 1
}

parse_args() {
    BINARY="" QUICK=0 FORMAT=table SETS_ARG=""
    while (($#)); do
        case "$1" in
            --quick) QUICK=1 ;;
            --format) FORMAT=${2:-}; shift ;;
            --format=*) FORMAT=${1#*=} ;;
            --sets) SETS_ARG=${2:-}; shift ;;
            --sets=*) SETS_ARG=${1#*=} ;;
            -h|--help) usage ;;
            -*) echo "unknown option: $1" >&2; usage ;;
            *) [[ -z $BINARY ]] || usage; BINARY=$1 ;;
        esac
        shift
    done
    [[ -n $BINARY ]] || usage
    [[ $FORMAT == table || $FORMAT == json ]] || harness_error "--format must be table or json"
    # Absolute path: the timer runs it from anywhere, and the report names it.
    local resolved
    resolved=$(command -v -- "$BINARY" 2>/dev/null) || harness_error "binary not found: $BINARY"
    [[ -x $resolved && -f $resolved ]] || harness_error "not an executable file: $BINARY"
    BINARY=$(realpath -- "$resolved")
    read -r -a EXTRA_ARGS <<<"${BENCH_EXTRA_ARGS:-}"
}

choose_sets() {
    if [[ -n $SETS_ARG ]]; then
        IFS=, read -r -a SETS <<<"$SETS_ARG"
    elif ((QUICK)); then
        SETS=("${QUICK_SETS[@]}")
    else
        SETS=("${ALL_SETS[@]}")
    fi
    local s
    for s in "${SETS[@]}"; do
        [[ $s == realistic || $s =~ ^files-[1-9][0-9]*$ ]] || harness_error "unknown set: $s"
    done
}

# Sets WARMUP, RUNS (a and b), NOOP_RUNS, RSS_RUNS for one set.  Medians of
# >= 10 runs for the small sets, >= 5 for 10k files; more no-op runs because
# they are cheap and the most sensitive to noise.
plan_runs() {
    local set=$1 n=0
    if [[ $set == files-* ]]; then n=${set#files-}; fi
    if ((QUICK)); then
        WARMUP=1 RUNS=3 NOOP_RUNS=5 RSS_RUNS=1
    elif [[ $set == realistic ]]; then
        WARMUP=3 RUNS=15 NOOP_RUNS=21 RSS_RUNS=3
    elif ((n <= 2500)); then
        WARMUP=2 RUNS=11 NOOP_RUNS=15 RSS_RUNS=3
    elif ((n < 10000)); then
        WARMUP=1 RUNS=10 NOOP_RUNS=10 RSS_RUNS=2
    else
        WARMUP=1 RUNS=5 NOOP_RUNS=5 RSS_RUNS=1
    fi
}

make_workdir() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/charm-build-bench.XXXXXX")
    trap 'rm -rf -- "$WORK"' EXIT
    trap 'exit 130' INT TERM
    RESULTS=$WORK/results
    mkdir -p "$RESULTS"
}

# Writes the layer set and sources the assignments gen_layers.py prints:
# TOP_LAYER, CHARM_NAME and the exported CHARM_LAYERS_DIR/CHARM_INTERFACES_DIR.
generate_set() {
    local set=$1 out=$2 envfile=$2.env
    if [[ $set == realistic ]]; then
        "$PY" "$BENCH_DIR/gen_layers.py" realistic "$out" >"$envfile" || harness_error "gen_layers.py failed"
    else
        "$PY" "$BENCH_DIR/gen_layers.py" files "${set#files-}" "$out" >"$envfile" || harness_error "gen_layers.py failed"
    fi
    # shellcheck disable=SC1090
    source "$envfile"
}

# charm-tools refuses (or recurses) when the build dir is inside a layer;
# make sure the benchmark never measures that case by accident.
check_not_nested() {
    local dir root
    dir=$(realpath -m -- "$1")
    for root in "$CHARM_LAYERS_DIR" "$CHARM_INTERFACES_DIR" "$TOP_LAYER"; do
        root=$(realpath -m -- "$root")
        case "$dir/" in
            "$root"/*) harness_error "build dir $dir is inside layer dir $root" ;;
        esac
    done
}

# The charm-build command line for building into $1 (BENCH_EXTRA_ARGS last).
build_cmd() {
    BUILD_CMD=("$BINARY" -o "$1" -n "$CHARM_NAME" "$TOP_LAYER" ${EXTRA_ARGS[@]+"${EXTRA_ARGS[@]}"})
}

timer() { "$PY" "$BENCH_DIR/timer.py" "$@"; }

# (a) + (b), interleaved.  (b) copies the tree the preceding (a) produced.
measure_build_and_copy() {
    local build_dir=$1 copy_dir=$2 res=$3
    build_cmd "$build_dir"
    log "  (a) full build + (b) cp -a: $WARMUP warm-up + $RUNS runs each"
    timer run --runs "$RUNS" --warmup "$WARMUP" \
        --name build --fresh-dir "$build_dir" -- "${BUILD_CMD[@]}" \
        ::: --name copy --fresh-dir "$copy_dir" -- cp -a "$(built_tree "$build_dir")" "$copy_dir/$CHARM_NAME" \
        >"$res/ab.json" || binary_failed "$CURRENT_SET: (a) full build / (b) cp -a"
}

# Where the built charm lands; with unusual BENCH_EXTRA_ARGS it may not be a
# dir named after the charm, then the whole build dir stands in for it.
built_tree() {
    if [[ -d $1/$CHARM_NAME ]]; then echo "$1/$CHARM_NAME"; else echo "$1"; fi
}

# (c) rebuild into the tree (a) left behind; the snapshot/compare counts files
# the "no-op" rewrote anyway (reported, not a failure).
measure_noop() {
    local build_dir=$1 res=$2 scratch=$3 tree
    tree=$(built_tree "$build_dir")
    timer tree "$tree" --save "$scratch/noop-snapshot.json" >"$res/tree.json"
    build_cmd "$build_dir"
    log "  (c) no-op rebuild: $WARMUP warm-up + $NOOP_RUNS runs"
    timer run --runs "$NOOP_RUNS" --warmup "$WARMUP" --name noop -- "${BUILD_CMD[@]}" \
        >"$res/noop.json" || binary_failed "$CURRENT_SET: (c) no-op rebuild"
    timer tree "$tree" --compare "$scratch/noop-snapshot.json" >"$res/noop_tree.json"
}

# (d) the same full build with -F (./NAME.charm) against one without, interleaved; both run
# through `env -C` in a scratch cwd, so the .charm never lands in the caller's directory.
measure_pack() {
    local scratch=$1 res=$2
    mkdir -p -- "$scratch/cwd-plain" "$scratch/cwd-pack"
    build_cmd "$scratch/plain"
    local plain=(env -C "$scratch/cwd-plain" "${BUILD_CMD[@]}")
    build_cmd "$scratch/pack"
    local pack=(env -C "$scratch/cwd-pack" "${BUILD_CMD[@]}" -F)
    log "  (d) full build with -F vs without: $WARMUP warm-up + $RUNS runs each"
    timer run --runs "$RUNS" --warmup "$WARMUP" \
        --name plain --fresh-dir "$scratch/plain" -- "${plain[@]}" \
        ::: --name pack --fresh-dir "$scratch/pack" -- "${pack[@]}" \
        >"$res/pack.json" || binary_failed "$CURRENT_SET: (d) build with -F"
    [[ -f $scratch/cwd-pack/$CHARM_NAME.charm ]] || binary_failed "$CURRENT_SET: (d) no $CHARM_NAME.charm written"
    stat -c %s "$scratch/cwd-pack/$CHARM_NAME.charm" >"$res/charm_bytes"
}

# Peak RSS of (a): max of GNU time's %M (KiB) over RSS_RUNS fresh builds.
measure_rss() {
    local rss_dir=$1 res=$2 scratch=$3 i kb max=0
    if [[ ! -x $GNU_TIME ]]; then
        log "  peak RSS skipped: $GNU_TIME not found (apt-get install time)"
        return
    fi
    build_cmd "$rss_dir"
    log "  peak RSS: $RSS_RUNS run(s) under $GNU_TIME"
    for ((i = 0; i < RSS_RUNS; i++)); do
        rm -rf -- "$rss_dir" && mkdir -p -- "$rss_dir"
        if ! "$GNU_TIME" -f %M -o "$scratch/rss.txt" "${BUILD_CMD[@]}" >/dev/null 2>"$scratch/rss.err"; then
            cat "$scratch/rss.err" >&2
            binary_failed "$CURRENT_SET: peak RSS run"
        fi
        kb=$(tail -n 1 "$scratch/rss.txt")
        if ((kb > max)); then max=$kb; fi
    done
    echo "$max" >"$res/rss_kb"
}

# Everything for one set; temp trees are removed afterwards to keep the
# temp dir small (the 10k set is ~13 MB per copy).
measure_set() {
    local set=$1 idx=$2 kind=files n
    local src=$WORK/sets/$set scratch=$WORK/runs/$set
    local res
    res=$RESULTS/$(printf '%02d' "$idx")-$set
    CURRENT_SET=$set
    if [[ $set == realistic ]]; then kind=realistic; fi
    n=${set#files-}; [[ $kind == files ]] || n=null
    mkdir -p -- "$res" "$scratch" "$WORK/sets"
    plan_runs "$set"

    log "$set: generating layers"
    generate_set "$set" "$src"
    local build_dir=$scratch/build copy_dir=$scratch/copy rss_dir=$scratch/rss
    check_not_nested "$build_dir"; check_not_nested "$copy_dir"; check_not_nested "$rss_dir"
    printf '{"set": "%s", "kind": "%s", "n": %s}\n' "$set" "$kind" "$n" >"$res/set.json"

    measure_build_and_copy "$build_dir" "$copy_dir" "$res"
    if [[ ! -d $build_dir/$CHARM_NAME ]]; then
        log "  warning: $build_dir/$CHARM_NAME not created; measuring the whole build dir"
    fi
    measure_noop "$build_dir" "$res" "$scratch"
    if [[ $kind == realistic ]]; then measure_pack "$scratch" "$res"; fi
    measure_rss "$rss_dir" "$res" "$scratch"
    rm -rf -- "$src" "$scratch"
}

main() {
    parse_args "$@"
    choose_sets
    make_workdir
    warn_if_busy
    log "binary: $BINARY${EXTRA_ARGS[*]:+ (extra args: ${EXTRA_ARGS[*]})}"
    log "work dir: $WORK (removed at exit)"
    timer overhead >"$WORK/overhead.json"

    local idx=0 set
    for set in "${SETS[@]}"; do
        idx=$((idx + 1))
        measure_set "$set" "$idx"
    done

    local report_args=(--format "$FORMAT" --binary "$BINARY" --overhead "$WORK/overhead.json"
                       --loadavg "$LOADAVG" "--extra-args=${BENCH_EXTRA_ARGS:-}")
    if ((QUICK)); then report_args+=(--quick); fi
    "$PY" "$BENCH_DIR/report.py" "${report_args[@]}" "$RESULTS"
}

main "$@"
