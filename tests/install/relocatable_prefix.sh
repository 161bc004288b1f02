#!/usr/bin/env bash
# `cmake --install` into one prefix, move the prefix, then create, build and run a charm with
# native hooks using only the moved copy: templates, layer:basic, libcharm's headers and archive
# and toolchain.json must all be found relative to the installed charm-build.
# Usage: relocatable_prefix.sh BUILD_DIR   (registered in tests/CMakeLists.txt)
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/p1" >"$work/install.log"
mv "$work/p1" "$work/p2"
prefix=$work/p2
for f in bin/charm-build lib/libcharm.a include/charm/charm.hpp share/charm-build/toolchain.json \
         share/charm-build/layers/basic/layer.yaml share/charm-build/templates/cpp-reactive/template.yaml; do
  [ -e "$prefix/$f" ] || fail "$f was not installed"
done
if grep -e "$build" -e "$source_dir" -e "$work/p1" "$prefix/share/charm-build/toolchain.json"; then
  fail "the installed toolchain.json points outside its prefix"
fi

cd "$work"
unset CHARM_LAYERS_DIR CHARM_INTERFACES_DIR LAYER_PATH INTERFACE_PATH JUJU_REPOSITORY CHARM_BUILD_DIR
export CHARM_BUILD_CACHE="$work/cache"
# $CXX and $CHARM_CXXFLAGS choose the compiler and flags: a wrapper records what it is given.
cat >cxx <<WRAP
#!/bin/sh
echo "\$@" >>"$work/cxx.log"
exec c++ "\$@"
WRAP
chmod +x cxx
export CXX="$work/cxx" CHARM_CXXFLAGS="-std=c++20 -O1 -DRELOCATED_PREFIX_TEST"

"$prefix/bin/charm-build" create reloc >create.out || fail "create failed: $(cat create.out)"
set +e
"$prefix/bin/charm-build" -o out reloc >build.out 2>build.err
code=$?
set -e
cat build.err
[ $code = 0 ] || fail "build exited $code (0: built, proof clean)"
grep -qF "Processing layer: layer:basic (from p2/share/charm-build/layers/basic)" build.err ||
  fail "layer:basic did not come from the moved prefix"
grep -qF -- "-I$prefix/include" cxx.log || grep -qF -- "-isystem $prefix/include" cxx.log ||
  fail "libcharm's headers were not taken from the moved prefix: $(cat cxx.log)"
grep -qF "$prefix/lib/libcharm.a" cxx.log || fail "libcharm.a was not taken from the moved prefix: $(cat cxx.log)"
grep -qF -- "-DRELOCATED_PREFIX_TEST" cxx.log || fail "CHARM_CXXFLAGS were not used"
if grep -e "$build" -e "$source_dir" -e "$work/p1" cxx.log; then fail "the compiler was pointed outside the prefix"; fi

# The install hook runs, with fake hook tools playing the agent.
cp -a out/reloc unit
m=$work/unit
bash "$source_dir/tests/runtime/fake-tools/install.sh" "$work/tools" >/dev/null
mkdir -p state
echo '{"greeting": "Hello from reloc"}' >state/config.json
export PATH="$work/tools:$PATH" FAKE_TOOLS_STATE="$work/state" FAKE_TOOLS_LOG="$work/tools.log"
export JUJU_UNIT_NAME=reloc/0 JUJU_CHARM_DIR="$m" CHARM_DIR="$m" JUJU_MODEL_NAME=test
(cd "$m" && JUJU_DISPATCH_PATH=hooks/install ./dispatch) || fail "the install hook failed"
grep -qF '["status-set", "active", "Hello from reloc"]' tools.log || fail "install did not set the status: $(cat tools.log)"
echo PASS
