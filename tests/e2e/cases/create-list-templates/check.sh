set -e
"$CHARM_BUILD" create --list-templates --format json > list.json
python3 - <<'PY'
import json, os
d = json.load(open('list.json'))
names = [t['name'] for t in d['templates']]
assert names == ['cpp-reactive', 'shell-reactive'], names
assert d['default'] == 'cpp-reactive', d
for t in d['templates']:
    assert t['description'], t
    assert os.path.isfile(os.path.join(t['path'], 'template.yaml')), t
PY
"$CHARM_BUILD" create --help > help.txt
grep -q 'Examples:' help.txt
grep -q -- '--list-templates' help.txt
grep -q 'Exit codes' help.txt
"$CHARM_BUILD" --help | grep -q 'create '
