set -e
m=out/mycharm
grep -qx '    port: 9090' $m/layer.yaml
grep -qx '    mode: safe' $m/layer.yaml
grep -qx 'is: mycharm' $m/layer.yaml
grep -q 'default: "yes"' $m/config.yaml        # a YAML 1.1 boolean word stays a string
grep -qx '# hook for website' $m/hooks/website-relation-joined
grep -qx '# hook for hook' $m/hooks/install
test -f $m/hooks/relations/http/__init__.py
test -f $m/copyright.layer-base || true
python3 - <<'EOF'
import json
m = json.load(open('out/mycharm/.build.manifest'))
assert [l['url'] for l in m['layers']] == ['layer:base', 'mycharm', 'interface:http'], m['layers']
s = m['signatures']
assert s['hooks/relations/http/provides.py'][:2] == ['interface:http', 'static'], s
assert s['hooks/install'][:2] == ['layer:base', 'dynamic']
assert s['metadata.yaml'][:2] == ['mycharm', 'dynamic']
assert s['README.md'][:2] == ['layer:base', 'static']
assert s['.build.manifest'] == ['build', 'dynamic', 'unchecked']
text = open('out/mycharm/.build.manifest').read()
assert not text.endswith('\n') and text.startswith('{\n  "layers"')
EOF
