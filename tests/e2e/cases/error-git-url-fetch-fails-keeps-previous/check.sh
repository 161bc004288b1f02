set -euo pipefail
grep -qF "error: layers/top/layer.yaml: Unable to fetch file://$PWD/remote/missing.git: git clone failed:" stderr.txt
grep -qF "does not appear to be a git repository" stderr.txt    # git's own message
cmp out/mycharm/.build.manifest manifest.before
test "$(cat out/mycharm/rbase.txt)" = v1
test -z "$(ls cache/repos)"                                      # no half clone is kept
