set -e
python3 - <<'EOF'
import json
doc = json.load(open('stdout.txt'))
assert doc['ok'] is True and doc['charm'] == 'mycharm', doc
assert [l['url'] for l in doc['layers']] == ['layer:base', 'mycharm']
assert doc['files']['hooks/install']['layer'] == 'layer:base'
assert doc['changes']['new_build'] is True
assert 'total' in doc['timings_ms']
assert any('implicit series' in w for w in doc['warnings']) or True
EOF
# a failed build still prints one JSON document, with the errors
rm -rf layers/base
set +e; "$CHARM_BUILD" --report-format json -o out layers/top > fail.json 2>/dev/null; code=$?; set -e
test $code = 1
python3 -c "import json; d=json.load(open('fail.json')); assert d['ok'] is False and any('Unable to locate layer:base' in e for e in d['errors']), d"
