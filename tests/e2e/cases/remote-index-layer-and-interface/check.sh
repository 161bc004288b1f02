set -euo pipefail
m=out/mycharm
test "$(cat $m/rbase.txt)" = v1
test -f $m/hooks/relations/rhttp/provides.py
test ! -e $m/layers                                  # only the subdir is the layer
grep -qx '    port: 9090' $m/layer.yaml
! grep -q 'Processing layer: layer:rbase (from' stderr.txt
python3 - "$PWD" "$(git -C remote/layers-repo rev-parse HEAD)" "$(git -C remote/interface-rhttp rev-parse HEAD)" <<'PY'
import json, sys
cwd, layer_rev, iface_rev = sys.argv[1:]
m = json.load(open('out/mycharm/.build.manifest'))
assert m['layers'] == [
    {'url': 'layer:rbase', 'rev': layer_rev, 'branch': layer_rev, 'fetched_url': 'file://%s/remote/layers-repo' % cwd},
    {'url': 'mycharm', 'rev': ''},
    {'url': 'interface:rhttp', 'rev': iface_rev, 'branch': iface_rev,
     'fetched_url': 'file://%s/remote/interface-rhttp' % cwd}], m['layers']
assert m['signatures']['hooks/relations/rhttp/provides.py'][:2] == ['interface:rhttp', 'static']
PY
