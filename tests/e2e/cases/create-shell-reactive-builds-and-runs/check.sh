set -e
refute() { if "$@"; then echo "FAIL: unexpectedly true: $*" >&2; exit 1; fi; }  # `! cmd` does not trip set -e
# The layer: placeholders filled in, shell handlers named after the charm and executable.
test "$(ls -A src)" = sh-app    # no staging folder left behind
test -x src/sh-app/reactive/sh-app.sh
test -x src/sh-app/reactive/sh-app-configure.sh
refute grep -rn '{{' src/sh-app
grep -qx 'maintainer: "Jane Doe <jane@example.com>"' src/sh-app/metadata.yaml
grep -q 'Jane Doe <jane@example.com>' src/sh-app/copyright
# Built without warnings (exit 0 above: proof found nothing worse than I lines).
refute grep -i '^warning' stderr.txt
"$CHARM_BUILD" proof out/sh-app > proof.txt
refute grep -E '^(W|E):' proof.txt
test -x out/sh-app/reactive/sh-app.sh

# Run its hooks with fake hook tools playing the agent (tests/runtime/fake-tools).
cp -a out/sh-app unit
m=$PWD/unit
bash "$CASE_SOURCE/../../../runtime/fake-tools/install.sh" $PWD/tools >/dev/null
mkdir -p state; echo '{"greeting": "Hello from sh-app"}' > state/config.json
export PATH=$PWD/tools:$PATH FAKE_TOOLS_STATE=$PWD/state FAKE_TOOLS_LOG=$PWD/tools.log
export JUJU_UNIT_NAME=sh-app/0 JUJU_CHARM_DIR=$m CHARM_DIR=$m JUJU_MODEL_NAME=test
kv() { python3 -c "import sqlite3,sys; r=sqlite3.connect('$m/.unit-state.db').execute('select data from kv where key=?',(sys.argv[1],)).fetchone(); print(r[0] if r else 'MISSING')" "$1"; }
status() { python3 -c "import json; s=json.load(open('state/status.json')); print(s['status'] + ': ' + s['message'])"; }
(cd $m && JUJU_DISPATCH_PATH=hooks/install ./dispatch 2>../install.err)
cat install.err
grep -q 'Invoking reactive handler: reactive/sh-app.sh' install.err
grep -q 'Invoking reactive handler: reactive/sh-app-configure.sh' install.err
test "$(kv reactive.states.sh-app.installed)" = null
test "$(kv sh-app.greeting)" = '"Hello from sh-app"'
test "$(status)" = 'active: Hello from sh-app'
grep -qF '["status-set", "maintenance", "installing"]' tools.log
echo '{"greeting": "Hi there"}' > state/config.json
(cd $m && env -u JUJU_DISPATCH_PATH ./hooks/config-changed)
test "$(status)" = 'active: Hi there'
test "$(kv sh-app.greeting)" = '"Hi there"'
