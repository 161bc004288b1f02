set -euo pipefail
test "$(cat out/mycharm/rbase.txt)" = local
test ! -e cache                                  # nothing was fetched
python3 -c "
import json; m = json.load(open('out/mycharm/.build.manifest'))
assert 'fetched_url' not in m['layers'][0], m['layers']"
