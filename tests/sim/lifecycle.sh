#!/usr/bin/env bash
# End to end: the store (C++ + shell handlers) and client (shell handlers) test charms built by
# charm-build, run by charm-sim through a whole life cycle: deploy 3 units, relate to another
# application, config change, action, failing hook + resolve, remove-unit, remove-relation,
# upgrade, destroy. Checks statuses, relation data and the exact hook order.
# Usage: lifecycle.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CHARM_BUILD_CACHE=${CHARM_BUILD_CACHE:-$work/cache}
sim() { "$build/src/charm-sim" -q -m "$work/model" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# status_of UNIT -> "workload|message|agent"
status_of() {
  sim status --format json | python3 -c '
import json, sys
doc = json.load(sys.stdin); unit = sys.argv[1]; app = unit.split("/")[0]
u = doc["applications"][app]["units"][unit]
print("%s|%s|%s" % (u["workload-status"]["current"], u["workload-status"]["message"], u["juju-status"]["current"]))' "$1"
}
# hooks_of UNIT -> the hooks run on UNIT so far, space-separated, from the model history
hooks_of() { python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
print(" ".join(h["hook"] for h in m["history"] if h["unit"] == sys.argv[2]))' "$work/model/model.json" "$1"; }
expect() { [ "$2" = "$3" ] || fail "$1: expected [$3], got [$2]"; }

for layer in store client; do
  "$build/src/charm-build" -o "$work/charms" "$here/layers/$layer" 2>"$work/build-$layer.log" ||
    { cat "$work/build-$layer.log"; fail "charm-build $layer"; }
done

# Deploy: install -> relation-created (peers) -> leader-elected / leader-settings-changed -> config-changed -> start.
sim deploy "$work/charms/store" -n 3
expect "store/0 hooks" "$(hooks_of store/0)" \
  "install cluster-relation-created leader-elected config-changed start cluster-relation-joined cluster-relation-changed cluster-relation-joined cluster-relation-changed"
expect "store/1 first hooks" "$(hooks_of store/1 | cut -d' ' -f1-5)" \
  "install cluster-relation-created leader-settings-changed config-changed start"
expect "store/2 status" "$(status_of store/2)" "active|serving on port 7000 (2 peers)|idle"
expect "leader" "$(sim status --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([u for u,v in d["applications"]["store"]["units"].items() if v.get("leader")])')" "['store/0']"

# A second application, related: created -> joined -> changed on both sides, data flows.
sim deploy "$work/charms/client" -n 1
expect "client unrelated" "$(status_of client/0)" "blocked|waiting for a store (relate to store:db)|idle"
sim relate client store:db
# Each store unit publishes in its own -joined hook, after client/0 first saw it: one more
# -changed per store unit follows, as Juju fires it for data that changed since.
expect "client/0 relation hooks" "$(hooks_of client/0 | tr ' ' '\n' | grep relation | tr '\n' ' ')" \
  "db-relation-created db-relation-joined db-relation-changed db-relation-joined db-relation-changed db-relation-joined db-relation-changed db-relation-changed db-relation-changed db-relation-changed "
grep -q "^store/1 127.0.1.2:7000 hello$" "$work/model/units/client-0/charm/connections.txt" ||
  fail "client/0 did not record store/1's published address: $(cat "$work/model/units/client-0/charm/connections.txt")"
expect "client related" "$(status_of client/0)" "active|connected to 127.0.1.3:7000|idle"

# Config change reaches the client through relation data; shell metacharacters stay text.
sim config store 'motd=a $(touch '"$work"'/pwned); "b"'
tail -1 "$work/model/units/client-0/charm/connections.txt" | grep -qF 'a $(touch' || fail "motd not republished"
[ ! -e "$work/pwned" ] || fail "a config value reached a shell"

# Actions: results, failure (exit 4), bad parameters refused (exit 1).
sim run store/0 get key=store.motd --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["status"]=="completed" and d["results"]["value"].startswith("a $("), d'
set +e
sim run store/0 get key=missing >/dev/null; code=$?
sim run store/0 get 2>"$work/err"; code2=$?
set -e
expect "failed action exit" "$code" 4
expect "bad params exit" "$code2" 1
grep -q "'key' is a required property" "$work/err" || fail "missing-param message: $(cat "$work/err")"

# A failing hook: unit in error with Juju's message, nothing of the hook kept, resolve retries.
set +e; sim config store explode=yes 2>/dev/null; code=$?; set -e
expect "failing config exit" "$code" 3
expect "store/0 error" "$(status_of store/0)" 'error|hook failed: "config-changed"|error'
sim config store --reset explode >/dev/null 2>&1 || true
for u in store/0 store/1 store/2; do sim resolve "$u" 2>/dev/null || true; done
expect "store/0 resolved" "$(status_of store/0)" "active|serving on port 7000 (2 peers)|idle"
python3 - "$work/model/units/store-0/charm/.unit-state.db" <<'PY' || fail "a failed hook's flag was kept"
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("select key from kv where key = 'reactive.states.store.exploded'").fetchall()
sys.exit(1 if rows else 0)
PY

# Bad input to charm-sim leaves the model unchanged.
cp "$work/model/model.json" "$work/before.json"
for bad in "deploy $work/nothing" "relate client nothing" "config store port=abc" "add-unit nothing" "relate store client:db"; do
  set +e; sim $bad 2>"$work/err"; code=$?; set -e
  [ "$code" = 1 ] || fail "'$bad' exited $code"
  grep -q '^ERROR ' "$work/err" || fail "'$bad' gave no ERROR line"
done
cmp -s "$work/model/model.json" "$work/before.json" || fail "a refused command changed the model"

# remove-unit: departed on both sides, broken, stop, remove; the machine is gone.
sim remove-unit store/2
expect "store/2 last hooks" "$(hooks_of store/2 | tr ' ' '\n' | tail -7 | tr '\n' ' ')" \
  "cluster-relation-departed cluster-relation-departed cluster-relation-broken db-relation-departed db-relation-broken stop remove "
[ ! -d "$work/model/units/store-2" ] || fail "store/2's directory stayed"
expect "store/0 after remove" "$(status_of store/0)" "active|serving on port 7000 (1 peers)|idle"

# remove-relation: departed then broken on both sides.
sim remove-relation client store
expect "client/0 last hooks" "$(hooks_of client/0 | tr ' ' '\n' | tail -3 | tr '\n' ' ')" \
  "db-relation-departed db-relation-departed db-relation-broken "
expect "client after remove-relation" "$(status_of client/0)" "blocked|waiting for a store (relate to store:db)|idle"

# upgrade: upgrade-charm -> config-changed -> (leader-settings-changed) -> start.
sim upgrade store
expect "store/1 upgrade hooks" "$(hooks_of store/1 | tr ' ' '\n' | tail -4 | tr '\n' ' ')" \
  "upgrade-charm config-changed leader-settings-changed start "

sim tick
expect "update-status" "$(hooks_of store/0 | tr ' ' '\n' | tail -1)" "update-status"
sim debug-log | grep -q "unit.store/0.uniter running update-status hook" || fail "debug-log lacks the agent's lines"

sim destroy 2>/dev/null
[ ! -e "$work/model" ] || fail "destroy left the model dir"

# A hand-written charm with hooks/NAME files only (no dispatch): missing hooks are skipped;
# a hook that hangs is killed at the timeout and counts as failed.
mkdir -p "$work/hang/hooks"
printf 'name: hang\nsummary: s\ndescription: d\n' >"$work/hang/metadata.yaml"
printf '#!/bin/sh\nstatus-set maintenance "about to hang"\nsleep 60\n' >"$work/hang/hooks/install"
chmod +x "$work/hang/hooks/install"
start=$(date +%s)
set +e; "$build/src/charm-sim" -q -m "$work/model" --hook-timeout 2 deploy "$work/hang" 2>"$work/err"; code=$?; set -e
expect "hanging hook exit" "$code" 3
[ $(( $(date +%s) - start )) -lt 30 ] || fail "the hanging hook was not killed at the timeout"
expect "hang/0 status" "$(status_of hang/0)" 'error|hook failed: "install"|error'
sim debug-log | grep -q 'hook "install" timed out' || fail "debug-log does not say the hook timed out"

# ssh: everything after the unit is the command, verbatim, with or without `--`; its exit
# code is charm-sim's.
expect "ssh sh -c" "$(sim ssh hang/0 sh -c 'echo "$((6 * 7))" "$0"' x)" "42 x"
expect "ssh -- sh -c" "$(sim ssh hang/0 -- sh -c 'echo -n ok')" "ok"
expect "ssh working dir" "$(sim ssh hang/0 pwd)" "$(sim show-unit hang/0 --format json | python3 -c 'import json,sys; print(list(json.load(sys.stdin).values())[0]["charm-dir"])')"
set +e; sim ssh hang/0 sh -c 'exit 7'; code=$?; set -e
expect "ssh exit code" "$code" 7
sim destroy 2>/dev/null
echo "lifecycle: ok"
