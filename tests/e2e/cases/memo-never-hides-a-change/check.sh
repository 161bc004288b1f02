set -e
build() { "$CHARM_BUILD" -v -o out layers/top >build.out 2>build.err; }
settle() { sleep 1.2; }   # past the hash cache's racy window, so cached hashes are trusted
settle; build; grep -q 'no-op: the build memo' build.err      # the memo is used...
grep -q 'No new changes' build.out
echo two > layers/top/data.txt; build                          # ...but a changed file is seen
grep -qx two out/mycharm/data.txt
settle; chmod 755 layers/top/data.txt; build                  # a mode change
test -x out/mycharm/data.txt
settle; echo extra > layers/base/new.txt; build               # a new file in a lower layer
grep -qx extra out/mycharm/new.txt
settle; mkdir -p shadow/base && cp -a layers/base/. shadow/base/ && echo shadowed > shadow/base/new.txt
CHARM_LAYERS_DIR=$PWD/shadow "$CHARM_BUILD" -o out layers/top >/dev/null 2>&1   # other options: other memo
grep -qx shadowed out/mycharm/new.txt
settle; build; grep -qx extra out/mycharm/new.txt             # back to the first search path
settle; mkdir layers/layer-ghost; build; grep -q 'no-op' build.err   # unrelated dir: still a no-op
settle; echo hand-edit >> out/mycharm/README.md                # the target changed: full check
set +e; build; code=$?; set -e
test $code = 1 && grep -q 'was modified after charm build: README.md' build.err
