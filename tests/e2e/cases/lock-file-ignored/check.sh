set -euo pipefail
test "$(cat out/mycharm/rbase.txt)" = v2
! grep -q 'Using lockfile' stderr.txt
! grep -q 'The lockfile' stderr.txt
grep -q '"commit": "[0-9a-f]\{40\}"' layers/top/build.lock   # left as it was
