set -euo pipefail
m=out/mycharm
first=$(cat first.sha)
url="file://$PWD/remote/layer-extra.git"
test "$(cat $m/rbase.txt)" = v1                      # the pinned commit, not the newer v2
grep -qxF "info: Processing layer: $url@$first" stderr.txt   # no "(from ...)" for fetched layers
python3 - "$url" "$first" <<'PY'
import json, sys
url, first = sys.argv[1:]
m = json.load(open('out/mycharm/.build.manifest'))
assert m['layers'][0] == {'url': url + '@' + first, 'rev': first, 'branch': first, 'fetched_url': url}, m['layers']
assert m['signatures']['rbase.txt'][0] == url + '@' + first
PY
test ! -e layers/top/build.lock                      # written only with --write-lock-file
