#!/usr/bin/env bash
# Runs one scenario with `charm-sim test` and checks the outcome: run_scenario.sh CHARM_SIM SCENARIO.
# Header comments of the scenario say what must happen (a passing scenario needs none):
#   # exit: N          the exit code (default 0)
#   # output: TEXT     text the output must contain; any number of them
# The run gets a private TMPDIR, which must be empty afterwards: the model was cleaned up.
set -uo pipefail
charm_sim=$1
scenario=$2
want_exit=$(sed -n 's/^# exit: //p' "$scenario")
want_exit=${want_exit:-0}
export TMPDIR
TMPDIR=$(mktemp -d)
trap 'rm -rf "$TMPDIR"' EXIT
output=$("$charm_sim" test "$scenario" 2>&1)
code=$?
echo "$output"
status=0
if [ "$code" != "$want_exit" ]; then
  echo "run_scenario.sh: exit code $code, expected $want_exit" >&2
  status=1
fi
while IFS= read -r line; do
  if ! grep -qF -- "$line" <<<"$output"; then
    echo "run_scenario.sh: missing from the output: $line" >&2
    status=1
  fi
done < <(sed -n 's/^# output: //p' "$scenario")
left=$(ls -A "$TMPDIR")
if [ -n "$left" ]; then
  echo "run_scenario.sh: the run left files in its TMPDIR: $left" >&2
  status=1
fi
exit $status
