set -e
file out/mycharm/dispatch | grep -q 'statically linked'
cp -a out/mycharm unit          # the unit's own copy of the charm, as the agent unpacks it
m=$PWD/unit
test -x $m/hooks/install && test -x $m/actions/say
# Fake hook tools play the agent (tests/runtime/fake-tools).
bash "$(dirname "$CHARM_BUILD")/../../tests/runtime/fake-tools/install.sh" $PWD/tools >/dev/null 2>&1 || \
  bash "$CASE_SOURCE/../../../runtime/fake-tools/install.sh" $PWD/tools >/dev/null
mkdir -p state; echo '{"greeting": "hi $(touch /tmp/pwned); rm -rf /"}' > state/config.json
export PATH=$PWD/tools:$PATH FAKE_TOOLS_STATE=$PWD/state FAKE_TOOLS_LOG=$PWD/tools.log
export JUJU_UNIT_NAME=mycharm/0 JUJU_CHARM_DIR=$m CHARM_DIR=$m JUJU_MODEL_NAME=test
kv() { python3 -c "import sqlite3,sys; r=sqlite3.connect('$m/.unit-state.db').execute('select data from kv where key=?',(sys.argv[1],)).fetchone(); print(r[0] if r else 'MISSING')" "$1"; }
(cd $m && JUJU_DISPATCH_PATH=hooks/install ./dispatch)          # Juju >= 2.8 runs dispatch
test "$(kv reactive.states.app.installed)" = null
test "$(kv reactive.states.app.shouted)" = null                  # the shell handler ran in the same hook
test "$(kv app.shout)" = '"HELLO"'
grep -q 'hi $(touch /tmp/pwned); rm -rf /' state/status.json    # config text reached status-set verbatim
test ! -e /tmp/pwned
(cd $m && env -u JUJU_DISPATCH_PATH ./hooks/config-changed)      # older agents run hooks/NAME
# A handler that throws fails the hook and nothing of it is kept.
echo '{"greeting": "hi", "explode": "yes"}' > state/config.json
set +e; (cd $m && JUJU_DISPATCH_PATH=hooks/config-changed ./dispatch 2>err.txt); code=$?; set -e
cat $m/err.txt
test $code = 1
grep -q 'asked to explode' $m/err.txt
test "$(kv reactive.states.app.doomed)" = MISSING
# An unchanged rebuild compiles nothing.
"$CHARM_BUILD" -o out layers/top >/dev/null 2>rebuild.err
! grep -q Compiling rebuild.err
