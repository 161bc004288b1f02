#!/usr/bin/env bash
# Every `charm-build create` template gives a charm that builds, passes proof and runs in
# charm-sim: deployed as 2 units it ends active with its greeting, and a config change reaches it.
# Usage: templates_in_sim.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CHARM_BUILD_CACHE=${CHARM_BUILD_CACHE:-$work/cache}
fail() { echo "FAIL: $*" >&2; exit 1; }
for template in $("$build/src/charm-build" create --list-templates --format json | python3 -c 'import json,sys; print(" ".join(t["name"] for t in json.load(sys.stdin)["templates"]))'); do
  name="demo-${template%%-*}"
  (cd "$work" && "$build/src/charm-build" create "$name" -t "$template" >/dev/null 2>&1) || fail "create -t $template"
  "$build/src/charm-build" -o "$work/charms" "$work/$name" 2>"$work/$name.log" || { cat "$work/$name.log"; fail "$template: build/proof exit $?"; }
  ! grep -E "proof: (W|E):" "$work/$name.log" || fail "$template: proof warnings"
  model="$work/model-$name"
  "$build/src/charm-sim" -q -m "$model" deploy "$work/charms/$name" -n 2 || fail "$template: deploy"
  "$build/src/charm-sim" -q -m "$model" config "$name" greeting='hi from charm-sim' || fail "$template: config"
  "$build/src/charm-sim" -m "$model" status --format json | python3 -c '
import json, sys
doc = json.load(sys.stdin); name = sys.argv[1]
units = doc["applications"][name]["units"]
assert len(units) == 2, units
for u, v in units.items():
    w = v["workload-status"]
    assert (w["current"], w["message"]) == ("active", "hi from charm-sim"), (u, w)
' "$name" || fail "$template: statuses"
  "$build/src/charm-sim" -q -m "$model" destroy 2>/dev/null
  echo "$template: ok"
done
