# Shared by the container machine tests (sourced): a private dockerd in its own network
# namespace (tests/support/machine_dockerd.sh) that is always stopped, even when the test
# fails or is interrupted; the host's state before and after; timings per step.
#
# Sourcing scripts call `machines_setup BUILD_DIR`; it sets $build, $work, $DOCKER_HOST,
# `sim` (charm-sim on $work/model) and `dk` (docker on the private daemon).
# The machine image's root filesystem is cached under $CHARM_BUILD_CACHE (default
# ~/.cache/charm-build): only the first run ever debootstraps.

support=$(cd "$(dirname "${BASH_SOURCE[0]}")/../support" && pwd)
charms=$(cd "$(dirname "${BASH_SOURCE[0]}")/charms" && pwd)
t0=$(date +%s.%N)
t_last=$t0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# step TEXT: prints the time the previous step took and the total so far.
step() {
  local now
  now=$(date +%s.%N)
  awk -v now="$now" -v t0="$t0" -v last="$t_last" -v text="$*" \
    'BEGIN { printf "[%6.1fs, +%5.1fs] %s\n", now - t0, now - last, text }'
  t_last=$now
}

expect() { [ "$2" = "$3" ] || fail "$1: expected [$3], got [$2]"; }

# What the host's cgroups, firewall and links look like: must be the same after the test.
# Links are compared by name and MTU (counters and carrier state are not ours to keep).
host_state() {
  echo "== cgroup mounts"
  grep cgroup /proc/self/mounts
  echo "== iptables"
  iptables -S
  iptables -t nat -S
  echo "== links"
  ip -o link show | awk '{ for (i = 1; i <= NF; i++) if ($i == "mtu") print $2, $(i + 1) }' | sed 's/@[^:]*:/:/' | sort
}

machines_cleanup() {
  local rc=$?
  trap - EXIT
  trap '' INT TERM  # a second Ctrl-C must not cut the cleanup short
  if [ -n "${daemon_dir:-}" ]; then
    bash "$support/machine_dockerd.sh" stop "$daemon_dir" || echo "WARNING: stopping the private dockerd failed" >&2
  fi
  [ -n "${work:-}" ] && rm -rf "$work"
  if [ -n "${host_before:-}" ]; then
    host_state >"$host_before.after"
    if ! diff -u "$host_before" "$host_before.after" >&2; then
      echo "FAIL: the host's cgroup mounts, iptables or links changed (diff above)" >&2
      rc=1
    fi
  fi
  [ -n "${host_before:-}" ] && rm -f "$host_before" "$host_before.after"
  exit "$rc"
}

machines_setup() {
  build=$(cd "$1" && pwd)
  [ "$(id -u)" = 0 ] || fail "the container machine tests need root (a private dockerd)"
  [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || fail "no static /bin/busybox; install busybox-static"
  trap machines_cleanup EXIT
  trap 'exit 130' INT TERM
  host_before=$(mktemp /tmp/machines-host.XXXXXX)
  host_state >"$host_before"
  work=$(mktemp -d /tmp/machines-test.XXXXXX)
  daemon_dir=$(mktemp -d /tmp/mdk.XXXXXX)  # short: socket paths end at 107 bytes
  step "starting a private dockerd in its own network namespace ($daemon_dir)"
  MACHINE_DOCKERD_OWNER_PID=$$ bash "$support/machine_dockerd.sh" start "$daemon_dir" >/dev/null
  export DOCKER_HOST="unix://$daemon_dir/docker.sock"
  unset CHARM_SIM_MACHINE_IMAGE
  step "building or importing the machine image (debootstrap only when the cache has no rootfs)"
  "$build/src/charm-sim" image build >/dev/null 2>"$work/image.log" || { cat "$work/image.log" >&2; fail "charm-sim image build"; }
  cat "$work/image.log"
}

sim() { "$build/src/charm-sim" -m "$work/model" "$@"; }
dk() { docker "$@"; }

# A built copy of a test charm with the static busybox in bin/.
charm_copy() {
  cp -r "$charms/$1" "$work/$1"
  mkdir -p "$work/$1/bin"
  cp /bin/busybox "$work/$1/bin/busybox"
  echo "$work/$1"
}

# status_of UNIT -> "workload|message|agent"
status_of() {
  sim status --format json | python3 -c '
import json, sys
doc = json.load(sys.stdin); unit = sys.argv[1]; app = unit.split("/")[0]
u = doc["applications"][app]["units"][unit]
print("%s|%s|%s" % (u["workload-status"]["current"], u["workload-status"]["message"], u["juju-status"]["current"]))' "$1"
}

# The private daemon has nothing of any model left.
expect_daemon_empty() {
  expect "containers left" "$(dk ps --all --quiet)" ""
  expect "volumes left" "$(dk volume ls --quiet)" ""
  expect "charm-sim networks left" "$(dk network ls --quiet --filter label=charm-sim.model)" ""
}
