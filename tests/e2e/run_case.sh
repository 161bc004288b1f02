#!/usr/bin/env bash
# Runs one end-to-end case against the real charm-build binary.
#
# A case folder holds:
#   layers/, interfaces/   input layers (copied to a temp dir outside any git repository,
#                          so no VCS revision leaks into the output)
#   cmd                    charm-build arguments, one line, run from the temp dir
#   setup.sh               optional: runs first, in the temp dir (e.g. a previous build)
#   expect_exit            optional: the expected exit code (default 0)
#   expect_stderr          optional: lines that must each appear in stderr
#   expect_stdout          optional: lines that must each appear in stdout
#   expected_tree.txt      optional: `mode sha256 relpath` of every file under out/ (dirs: `mode - relpath/`)
#   check.sh               optional: extra assertions, run last in the temp dir
# UPDATE=1 rewrites expected_tree.txt from the actual output (review the diff before committing).
set -euo pipefail
binary=$1
case_dir=$2
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -a "$case_dir"/. "$work"/
cd "$work"
# setup.sh and check.sh build through $CHARM_BUILD, which counts proof's 100/200 ("built, with
# lint findings") as success; the case's own command runs the binary itself and is held to
# expect_exit exactly.
mkdir -p "$work/.bin"
cat >"$work/.bin/charm-build" <<WRAP
#!/bin/sh
"$binary" "\$@"; code=\$?
case \$code in 100|200) exit 0 ;; *) exit \$code ;; esac
WRAP
chmod +x "$work/.bin/charm-build"
export CHARM_LAYERS_DIR="$work/layers" CHARM_INTERFACES_DIR="$work/interfaces" CHARM_BUILD="$work/.bin/charm-build"
export CHARM_BUILD_CACHE="$work/.cache"   # never the user's own cache
export CASE_SOURCE="$case_dir"
unset LAYER_PATH INTERFACE_PATH JUJU_REPOSITORY CHARM_BUILD_DIR
fail() { echo "FAIL: $*" >&2; exit 1; }

[ -f setup.sh ] && bash setup.sh
read -r -a args < <(cat cmd 2>/dev/null || echo "")
set +e
"$binary" "${args[@]}" >stdout.txt 2>stderr.txt
code=$?
set -e
echo "--- stdout"; cat stdout.txt; echo "--- stderr"; cat stderr.txt; echo "--- exit $code"

expected_exit=$(cat expect_exit 2>/dev/null || echo 0)
[ "$code" = "$expected_exit" ] || fail "exit code $code, expected $expected_exit"
for stream in stderr stdout; do
  [ -f "expect_$stream" ] || continue
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    grep -qF -- "$line" "$stream.txt" || fail "$stream lacks: $line"
  done <"expect_$stream"
done

tree_listing() {
  (cd "$1" && find . -mindepth 1 -printf '%y %m %P\n' | sort -k3 | while read -r type mode path; do
    if [ "$type" = d ]; then echo "$mode - $path/"; else echo "$mode $(sha256sum "$path" | cut -c1-16) $path"; fi
  done)
}
if [ -f expected_tree.txt ] || [ "${UPDATE:-}" = 1 ]; then
  tree_listing out >actual_tree.txt
  if [ "${UPDATE:-}" = 1 ]; then cp actual_tree.txt "$case_dir/expected_tree.txt"; fi
  diff -u expected_tree.txt actual_tree.txt || fail "output tree differs from expected_tree.txt"
fi
[ -f check.sh ] && bash check.sh
echo "PASS"
