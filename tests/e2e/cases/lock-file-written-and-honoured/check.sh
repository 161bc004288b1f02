set -euo pipefail
v1=$(cat v1.sha)
iface=$(git -C remote/interface-rhttp rev-parse HEAD)
# The lock as charm-tools writes it (json.dumps, indent 2, no trailing newline), byte for byte.
python3 - "$PWD" "$v1" "$iface" > lock.expected <<'PY'
import json, sys
cwd, v1, iface = sys.argv[1:]
locks = [
    {"type": "layer", "item": "layer:rbase", "url": "file://%s/remote/layer-rbase" % cwd, "vcs": None,
     "branch": v1, "commit": v1},
    {"type": "layer", "item": "mycharm", "url": None, "vcs": None, "branch": None, "commit": ""},
    {"type": "layer", "item": "interface:rhttp", "url": "file://%s/remote/interface-rhttp" % cwd, "vcs": None,
     "branch": iface, "commit": iface},
]
sys.stdout.write(json.dumps({"locks": locks}, indent=2))
PY
cmp lock.before lock.expected
cmp layers/top/build.lock lock.before               # reading the lock does not rewrite it
test "$(cat out/mycharm/rbase.txt)" = v1             # the locked commit, although the remote is at v2
python3 -c "
import json; m = json.load(open('out/mycharm/.build.manifest'))
assert m['layers'][0]['rev'] == '$v1', m['layers']"
