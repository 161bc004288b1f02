set -e
refute() { if "$@"; then echo "FAIL: unexpectedly true: $*" >&2; exit 1; fi; }  # `! cmd` does not trip set -e
# The layer: every placeholder filled in, the handler named after the charm.
test -f my-app/reactive/my-app.cpp
refute grep -rn '{{' my-app
grep -qx 'name: my-app' my-app/metadata.yaml
grep -q "includes: \['layer:basic'\]" my-app/layer.yaml
# Built without warnings (exit 0 above: proof found nothing worse than I lines).
refute grep -i '^warning' stderr.txt
"$CHARM_BUILD" proof out/my-app > proof.txt
refute grep -E '^(W|E):' proof.txt

# Run its hooks with fake hook tools playing the agent (tests/runtime/fake-tools).
cp -a out/my-app unit
m=$PWD/unit
bash "$CASE_SOURCE/../../../runtime/fake-tools/install.sh" $PWD/tools >/dev/null
mkdir -p state; echo '{"greeting": "Hello from my-app"}' > state/config.json
export PATH=$PWD/tools:$PATH FAKE_TOOLS_STATE=$PWD/state FAKE_TOOLS_LOG=$PWD/tools.log
export JUJU_UNIT_NAME=my-app/0 JUJU_CHARM_DIR=$m CHARM_DIR=$m JUJU_MODEL_NAME=test
kv() { python3 -c "import sqlite3,sys; r=sqlite3.connect('$m/.unit-state.db').execute('select data from kv where key=?',(sys.argv[1],)).fetchone(); print(r[0] if r else 'MISSING')" "$1"; }
status() { python3 -c "import json; s=json.load(open('state/status.json')); print(s['status'] + ': ' + s['message'])"; }
(cd $m && JUJU_DISPATCH_PATH=hooks/install ./dispatch)
test "$(kv reactive.states.my-app.installed)" = null
test "$(kv my-app.greeting)" = '"Hello from my-app"'
test "$(status)" = 'active: Hello from my-app'
grep -qF '["status-set", "maintenance", "installing"]' tools.log
echo '{"greeting": "Hi there"}' > state/config.json
(cd $m && env -u JUJU_DISPATCH_PATH ./hooks/config-changed)
test "$(status)" = 'active: Hi there'
test "$(kv my-app.greeting)" = '"Hi there"'

# charm-build's own layers are the last place looked in: a layer:basic in CHARM_LAYERS_DIR wins.
bundled=$("$CHARM_BUILD" create --list-templates --format json | python3 -c "import json,sys,os; print(os.path.dirname(json.load(sys.stdin)['templates_dir']))")/layers/basic
test -f "$bundled/hooks/hook.template"
mkdir mine; cp -a "$bundled" mine/basic; echo local > mine/basic/marker.txt
CHARM_LAYERS_DIR=$PWD/mine "$CHARM_BUILD" -o out2 my-app >/dev/null 2>&1
test -f out2/my-app/marker.txt
test ! -e out/my-app/marker.txt
