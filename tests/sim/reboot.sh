#!/usr/bin/env bash
# juju-reboot on the local machine (which does not really reboot): the hook order is Juju
# 3.x's. `juju-reboot --now` kills the hook, keeps nothing of it and runs it again;
# `juju-reboot` reboots after the hook only if it succeeds; after a reboot `start` runs again
# on a unit that had started (not on one that had not yet). The rebooter test charm
# (layers/rebooter) records each run in order.txt.
# Usage: reboot.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CHARM_BUILD_CACHE=${CHARM_BUILD_CACHE:-$work/cache}
sim() { "$build/src/charm-sim" -q -m "$work/model" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected [$3], got [$2]"; }
# hooks_of UNIT -> the hooks run on UNIT so far, space-separated, from the model history
hooks_of() { python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
print(" ".join(h["hook"] for h in m["history"] if h["unit"] == sys.argv[2]))' "$work/model/model.json" "$1"; }
# status_of UNIT -> "workload|message|agent"
status_of() {
  sim status --format json | python3 -c '
import json, sys
doc = json.load(sys.stdin); unit = sys.argv[1]; app = unit.split("/")[0]
u = doc["applications"][app]["units"][unit]
print("%s|%s|%s" % (u["workload-status"]["current"], u["workload-status"]["message"], u["juju-status"]["current"]))' "$1"
}
order_of() { tr '\n' ';' <"$work/model/units/$1/charm/order.txt"; }

"$build/src/charm-build" -o "$work/charms" "$here/layers/rebooter" 2>"$work/build.log" ||
  { cat "$work/build.log"; fail "charm-build rebooter"; }

# install: --now kills it (its flag and kv value are dropped) and it runs again; config-changed
# reboots before the unit ever started: no extra start; start reboots: start runs again.
"$build/src/charm-sim" -m "$work/model" deploy "$work/charms/rebooter" 2>"$work/deploy.log" ||
  { cat "$work/deploy.log"; fail "deploy"; }
expect "rebooter/0 hooks" "$(hooks_of rebooter/0)" "install install leader-elected config-changed start start"
expect "what rebooter/0's hooks saw" "$(order_of rebooter-0)" \
  "install kv=null flag=unset;install kv=null flag=unset;config-changed fail=;start;start;"
grep -q "install .*interrupted by juju-reboot --now" "$work/deploy.log" ||
  fail "the progress lines do not say install was interrupted: $(cat "$work/deploy.log")"
expect "rebooter/0 status" "$(status_of rebooter/0)" "active|started|idle"
expect "reboots in the log" "$(sim debug-log --include rebooter/0 | grep -c 'uniter juju-reboot')" 3

# A hook that asks for a reboot and then fails: no reboot (and no start); after resolve the
# retried hook succeeds without asking.
set +e; sim config rebooter fail=yes 2>/dev/null; code=$?; set -e
expect "failing config-changed exit" "$code" 3
expect "rebooter/0 in error" "$(status_of rebooter/0)" 'error|hook failed: "config-changed"|error'
sim config rebooter fail= >/dev/null 2>&1 || true
sim resolve rebooter/0
expect "rebooter/0 hooks after resolve" "$(hooks_of rebooter/0 | cut -d' ' -f7-)" "config-changed config-changed"
expect "rebooter/0 status after resolve" "$(status_of rebooter/0)" "active|started|idle"
expect "reboots in the log after the failure" "$(sim debug-log --include rebooter/0 | grep -c 'uniter juju-reboot')" 3

# A second unit on its own machine reboots on its own: rebooter/0 gets no start from it.
sim add-unit rebooter
expect "rebooter/1 hooks" "$(hooks_of rebooter/1)" "install install leader-settings-changed config-changed start start"
expect "rebooter/0 hooks after add-unit" "$(hooks_of rebooter/0 | cut -d' ' -f7-)" "config-changed config-changed"

sim destroy 2>/dev/null
echo "reboot: ok"
