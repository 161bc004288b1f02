#!/usr/bin/env bash
# Container machines (issue 6): image build time, time until a machine is ready for its first
# hook, 4 machines running at once on this host, and the memory an idle machine uses.
# Targets: image build <= 3 min (once per cache); machine ready <= 3 s median from a cached
# image; 4 machines without errors; report peak memory per idle machine.
# Usage: bench/machines.sh BUILD_DIR [--fresh]   (root; a private dockerd, as the tests use)
#   --fresh: debootstrap the image again (needs the Debian mirror), to time the cold build.
set -euo pipefail
source "$(dirname "$0")/../tests/machines/lib.sh"
fresh=""
[ "${2:-}" = --fresh ] && fresh=--fresh
machines_setup "$1"

if [ -n "$fresh" ]; then
  step "image build --fresh (debootstrap from the mirror)"
  s=$(date +%s.%N)
  "$build/src/charm-sim" image build --fresh >/dev/null 2>"$work/fresh.log" || { cat "$work/fresh.log"; fail "image build --fresh"; }
  image_s=$(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
  echo "  image build from scratch: ${image_s} s (target <= 180 s)"
fi

# The smallest charm: every hook sets active.
charm="$work/idle"
mkdir -p "$charm/hooks"
printf 'name: idle\nsummary: does nothing\ndescription: bench charm\nseries: [bookworm]\n' >"$charm/metadata.yaml"
printf '#!/bin/sh\nstatus-set active idle\n' >"$charm/hooks/install"
chmod +x "$charm/hooks/install"

step "deploy 4 units, one machine each"
sim --machine container deploy "$charm" -n 4 2>&1 | tee "$work/deploy.log"
for n in 0 1 2 3; do expect "idle/$n" "$(status_of idle/$n)" "active|idle|idle"; done

step "memory of the idle machines (cgroup v1 memory controller of each container)"
sleep 5
for n in 0 1 2 3; do
  c=$(dk ps --quiet --filter "label=charm-sim.machine=$n" --filter label=charm-sim.model)
  dk exec "$c" sh -c 'cat /sys/fs/cgroup/memory/memory.usage_in_bytes /sys/fs/cgroup/memory/memory.max_usage_in_bytes 2>/dev/null ||
                      cat /sys/fs/cgroup/memory.current /sys/fs/cgroup/memory.peak 2>/dev/null' | tr '\n' ' '
  echo
done >"$work/memory"
sim -q destroy

python3 - "$work/deploy.log" "$work/memory" <<'PY'
import re, statistics, sys
boots = [float(x) for x in re.findall(r"booted in ([0-9.]+)s", open(sys.argv[1]).read())]
mem = [list(map(int, l.split())) for l in open(sys.argv[2]) if l.strip()]
if len(boots) != 4 or len(mem) != 4:
    sys.exit("expected 4 boots and 4 memory readings, got %s and %s" % (boots, mem))
print("machine ready for its first hook: median %.1f s, max %.1f s over 4 (target <= 3 s median) -> %s"
      % (statistics.median(boots), max(boots), "MET" if statistics.median(boots) <= 3 else "MISSED"))
print("idle machine memory: now %s MiB, peak %s MiB"
      % ([round(m[0] / 2**20, 1) for m in mem], [round(m[1] / 2**20, 1) for m in mem if len(m) > 1]))
PY
