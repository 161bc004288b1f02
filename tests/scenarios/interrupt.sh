#!/usr/bin/env bash
# SIGTERM in the middle of a scenario: charm-sim test must kill the running hook, clean up
# its model and exit 143 within seconds. interrupt.sh CHARM_SIM SCENARIO (one whose first step
# hangs in a hook).
set -uo pipefail
charm_sim=$1
scenario=$2
out=$(mktemp)
export TMPDIR
TMPDIR=$(mktemp -d)
trap 'rm -rf "$TMPDIR" "$out"' EXIT
"$charm_sim" test "$scenario" >"$out" 2>&1 &
pid=$!
# Wait until the first step runs, and its hook with it.
for _ in $(seq 600); do
  grep -q "\[1/" "$out" && break
  sleep 0.1
done
sleep 1
started=$(date +%s)
kill -TERM "$pid"
wait "$pid"
code=$?
took=$(($(date +%s) - started))
cat "$out"
status=0
[ "$code" = 143 ] || { echo "interrupt.sh: exit code $code, expected 143" >&2; status=1; }
[ "$took" -le 15 ] || { echo "interrupt.sh: took ${took}s to stop" >&2; status=1; }
grep -q "interrupted" "$out" || { echo "interrupt.sh: no 'interrupted' in the output" >&2; status=1; }
left=$(ls -A "$TMPDIR")
[ -z "$left" ] || { echo "interrupt.sh: the run left files in its TMPDIR: $left" >&2; status=1; }
# The hung hook (its whole process group) must be gone: no process works in the model any more.
for proc in /proc/[0-9]*; do
  if readlink "$proc/cwd" 2>/dev/null | grep -q "^$TMPDIR/"; then
    echo "interrupt.sh: a process still runs in the model: $(tr '\0' ' ' <"$proc/cmdline")" >&2
    status=1
  fi
done
exit $status
