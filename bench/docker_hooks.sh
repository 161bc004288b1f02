#!/usr/bin/env bash
# layer:docker on a container machine: wall time of the install hook and of idle update-status
# hooks, and the processes an idle hook starts, as the hooks report them themselves (libcharm's
# closing "Hook NAME done in X ms, N processes started (M hook tools)" line, so the docker exec
# that carries a hook into the machine is not counted). Target (issue 7): idle update-status
# < 20 ms, hook tools included.
# Usage: bench/docker_hooks.sh BUILD_DIR [TICKS]   (root; a private dockerd, as the tests use)
set -euo pipefail
source "$(dirname "$0")/../tests/machines/lib.sh"
machines_setup "$1"
ticks=${2:-20}
layers=$(cd "$(dirname "$0")/../layers" && pwd)
export CHARM_LAYERS_DIR="$layers" CHARM_INTERFACES_DIR="$layers"

"$build/src/charm-build" -R -l WARNING -o "$work/charms" "$layers/docker"
step "deploy docker (install hook)"
sim -q --machine container --hook-timeout 900 deploy "$work/charms/docker"
step "$ticks x update-status"
sim -q tick -n "$ticks"
sim debug-log --include docker/0 >"$work/log"
python3 - "$work/log" "$ticks" <<'PY'
import re, statistics, sys
lines = open(sys.argv[1]).read().splitlines()
pat = re.compile(r"Hook (\S+) done in ([0-9.]+) ms, (\d+) processes started \((\d+) hook tools\)")
runs = {}
for line in lines:
    m = pat.search(line)
    if m:
        runs.setdefault(m.group(1), []).append((float(m.group(2)), int(m.group(3)), int(m.group(4))))
install = runs.get("install", [])
idle = runs.get("update-status", [])
if not install or len(idle) < int(sys.argv[2]):
    sys.exit("missing timing lines: install %d, update-status %d" % (len(install), len(idle)))
ms = [r[0] for r in idle]
print("install hook:            %.0f ms, %d processes (%d hook tools)" % install[0])
print("idle update-status (n=%d): median %.1f ms, max %.1f ms; processes %s, hook tools %s"
      % (len(ms), statistics.median(ms), max(ms), sorted({r[1] for r in idle}), sorted({r[2] for r in idle})))
print("target: median < 20 ms ->", "MET" if statistics.median(ms) < 20 else "MISSED")
PY
sim -q destroy
