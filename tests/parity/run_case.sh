#!/bin/bash
# Build one parity case with OUR charm-build and compare with expected/.
# Usage: run_case.sh PATH/TO/charm-build tests/parity/cases/NAME
# Exit 0 on parity, 1 on any difference (tree or exit code).
set -u
BIN=$(realpath "$1")
CASE=$(cd "$2" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}
if ! "$PY" -c 'import ruamel.yaml' 2>/dev/null; then
  if /usr/bin/python3 -c 'import ruamel.yaml' 2>/dev/null; then PY=/usr/bin/python3
  else echo "run_case.sh: needs python3 with ruamel.yaml" >&2; exit 1; fi
fi
umask 022
T=$(mktemp -d "${TMPDIR:-/tmp}/parity.XXXXXX")   # outside any git repository
trap 'rm -rf "$T"' EXIT
for d in layers interfaces; do
  [ -d "$CASE/$d" ] && cp -a "$CASE/$d" "$T/$d"
done
find "$T" -type d -exec chmod 0755 {} +
find "$T" -type f -perm /111 -exec chmod 0755 {} +
find "$T" -type f ! -perm /111 -exec chmod 0644 {} +
ARGS=$(cat "$CASE/args" 2>/dev/null)
cd "$T" || exit 1
# shellcheck disable=SC2086
CHARM_BUILD_CACHE=$T/.cache CHARM_LAYERS_DIR=$T/layers CHARM_INTERFACES_DIR=$T/interfaces \
  "$BIN" -o "$T/out" $ARGS layers/top > "$T/log.txt" 2>&1
RC=$?
WANT_RC=$(sed -n 's/^exit code: //p' "$CASE/reference.txt")
NAME=$(sed -n 's|^output dir: \$T/out/||p' "$CASE/reference.txt")
fail=0
if [ "$RC" != "$WANT_RC" ]; then
  echo "exit code: expected $WANT_RC, got $RC"; fail=1
fi
if [ ! -d "$T/out/$NAME" ]; then
  echo "no output directory out/$NAME"; ls "$T/out" 2>/dev/null; fail=1
else
  "$PY" "$HERE/compare_trees.py" "$CASE/expected" "$T/out/$NAME" \
    --modes "$CASE/expected.modes" || fail=1
fi
if [ $fail != 0 ]; then
  echo "--- charm-build output ---"; sed "s|$T|\$T|g" "$T/log.txt"
fi
exit $fail
