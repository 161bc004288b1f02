#!/usr/bin/env bash
# A private dockerd for charm-sim's container machines, which (unlike private_dockerd.sh's) has
# bridges, NAT and outbound access, and still leaves the host as it was: the daemon runs in a
# network namespace of its own whose only uplink is slirp4netns (user-mode networking), so its
# bridges, veths and iptables rules all live in that namespace. On the host there is no
# docker0, no new link and no iptables rule; only the socket, under DIR, is shared.
#
#   machine_dockerd.sh start DIR [DOCKERD_ARG...]   start, wait until `docker version` answers
#   machine_dockerd.sh stop DIR                      stop everything, unmount, remove DIR
#   machine_dockerd.sh env DIR                       print `export DOCKER_HOST=unix://DIR/docker.sock`
#
# DIR should be short (mktemp -d /tmp/XXXXXX): unix socket paths end at 107 bytes. Environment:
# DOCKERD (default: dockerd on PATH, else /usr/sbin/dockerd), DOCKER (the client, default
# docker), MACHINE_DOCKERD_OWNER_PID (stop everything when that process is gone, even if it was
# killed), MACHINE_DOCKERD_TIMEOUT (seconds to wait for the daemon, default 90),
# MACHINE_DOCKERD_MTU (default 1400, the MTU of these VMs' eth0).
set -euo pipefail

die() {
  echo "machine_dockerd: $*" >&2
  exit 1
}

usage() {
  die "usage: machine_dockerd.sh start|stop|env DIR [DOCKERD_ARG...]"
}

[ $# -ge 2 ] || usage
command=$1
dir=$2
shift 2
[ -n "$dir" ] || usage
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
dir=${dir%/}
socket="$dir/docker.sock"
host="unix://$socket"
mtu=${MACHINE_DOCKERD_MTU:-1400}
# Containers get their cgroups under this parent, which stop removes whole.
cgroup_parent="/charm-machines-$(basename "$dir")"

alive() {  # PIDFILE: prints the pid if that process runs
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

wait_gone() {  # PID SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

in_netns() {  # CMD...: runs CMD in the daemon's network namespace
  nsenter --net="/proc/$(cat "$dir/netns.pid")/ns/net" "$@"
}

start() {
  local dockerd=${DOCKERD:-$(command -v dockerd || echo /usr/sbin/dockerd)}
  local docker=${DOCKER:-docker}
  local timeout=${MACHINE_DOCKERD_TIMEOUT:-90}
  [ "$(id -u)" = 0 ] || die "dockerd needs root; run the machine tests as root"
  [ -x "$dockerd" ] || die "no dockerd binary ($dockerd); install Debian's docker.io (scripts/setup.sh does)"
  command -v "$docker" >/dev/null || die "no docker client ($docker) on PATH; install Debian's docker.io"
  command -v slirp4netns >/dev/null || die "no slirp4netns on PATH; install Debian's slirp4netns (scripts/setup.sh does)"
  command -v nsenter >/dev/null && command -v unshare >/dev/null || die "nsenter/unshare missing; install util-linux"
  [ ${#dir} -le 60 ] || die "$dir is too long for dockerd's sockets (at most 60 bytes); use mktemp -d /tmp/XXXXXX"
  if alive "$dir/docker.pid" >/dev/null; then die "a daemon already runs in $dir"; fi
  mkdir -p "$dir"

  # The namespace is held by a sleeping process (no /run/netns entry on the host). setsid
  # and unshare exec in place, so $! is the holder itself.
  setsid unshare --net sleep infinity </dev/null >/dev/null 2>&1 &
  local holder=$!
  echo "$holder" >"$dir/netns.pid"
  local i
  for ((i = 0; i < 50; i++)); do
    [ "$(readlink "/proc/$holder/ns/net" 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ] && break
    sleep 0.1
  done
  [ "$(readlink "/proc/$holder/ns/net" 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ] ||
    { stop; die "could not create a network namespace (unshare --net)"; }
  readlink "/proc/$holder/ns/net" >"$dir/netns.id"

  # User-mode NAT: tap0 10.0.2.100/24, gateway 10.0.2.2, DNS 10.0.2.3; the host's loopback
  # stays out of reach.
  setsid slirp4netns --configure --mtu "$mtu" --disable-host-loopback "$holder" tap0 \
    </dev/null >"$dir/slirp4netns.log" 2>&1 &
  echo $! >"$dir/slirp4netns.pid"
  for ((i = 0; i < 100; i++)); do
    in_netns ip -4 addr show tap0 2>/dev/null | grep -q 'inet ' && break
    sleep 0.1
  done
  in_netns ip -4 addr show tap0 2>/dev/null | grep -q 'inet ' ||
    { cat "$dir/slirp4netns.log" >&2; stop; die "slirp4netns did not configure tap0"; }

  # The trust key would otherwise go to /etc/docker/key.json.
  printf '{"deprecated-key-path": "%s/key.json"}\n' "$dir" >"$dir/daemon.json"
  local args=(--host "$host" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid"
    --config-file "$dir/daemon.json" --bridge none --mtu "$mtu" --dns 10.0.2.3
    --cgroup-parent "$cgroup_parent" --shutdown-timeout 2)
  # nsenter execs dockerd: $! is the daemon.
  setsid nsenter --net="/proc/$holder/ns/net" "$dockerd" "${args[@]}" "$@" >"$dir/dockerd.log" 2>&1 </dev/null &
  local pid=$!
  if [ -n "${MACHINE_DOCKERD_OWNER_PID:-}" ]; then
    setsid bash "$0" watch "$dir" "$MACHINE_DOCKERD_OWNER_PID" >/dev/null 2>&1 </dev/null &
    echo $! >"$dir/watchdog.pid"
  fi
  for ((i = 0; i < timeout * 5; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "machine_dockerd: dockerd exited during start-up; the end of $dir/dockerd.log:" >&2
      tail -n 15 "$dir/dockerd.log" >&2
      stop >/dev/null 2>&1 || true
      exit 1
    fi
    if "$docker" --host "$host" version >/dev/null 2>&1; then
      echo "$host"
      return 0
    fi
    sleep 0.2
  done
  echo "machine_dockerd: dockerd did not answer on $host within ${timeout}s; the end of $dir/dockerd.log:" >&2
  tail -n 15 "$dir/dockerd.log" >&2
  stop >/dev/null 2>&1 || true
  exit 1
}

# Every process left in the daemon's namespace or naming DIR (containerd, shims, container
# processes), and those in its containers' cgroups.
leftover_processes() {
  local file pid id=""
  [ -s "$dir/netns.id" ] && id=$(cat "$dir/netns.id")
  for file in /proc/[0-9]*; do
    pid=${file#/proc/}
    [ "$pid" = "$$" ] && continue
    if [ -n "$id" ] && [ "$(readlink "$file/ns/net" 2>/dev/null)" = "$id" ]; then
      echo "$pid"
    elif grep -qaF -- "$dir/" "$file/cmdline" 2>/dev/null && ! grep -qaF machine_dockerd.sh "$file/cmdline" 2>/dev/null; then
      echo "$pid"
    fi
  done
  for file in $(cgroup_dirs); do
    find "$file" -name cgroup.procs -exec cat {} + 2>/dev/null || true
  done
}

cgroup_dirs() {
  local cg
  for cg in /sys/fs/cgroup"$cgroup_parent" /sys/fs/cgroup/*"$cgroup_parent"; do
    [ -d "$cg" ] && echo "$cg"
  done
  return 0
}

# Deepest first; a just-killed process may take a moment to leave its cgroup.
remove_cgroups() {
  local i cg
  for ((i = 0; i < 30; i++)); do
    [ -n "$(cgroup_dirs)" ] || return 0
    for cg in $(cgroup_dirs); do
      find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    done
    sleep 0.1
  done
  echo "machine_dockerd: cannot remove cgroups $(cgroup_dirs | tr '\n' ' ')" >&2
}

stop() {
  [ -d "$dir" ] || return 0
  local pid
  if pid=$(alive "$dir/watchdog.pid"); then
    [ "$pid" = "$$" ] || kill "$pid" 2>/dev/null || true
  fi
  if pid=$(alive "$dir/docker.pid"); then
    # Machines are throwaway: killing them first saves each one's clean shutdown.
    local docker=${DOCKER:-docker} running
    if running=$(timeout 15 "$docker" --host "$host" ps --quiet 2>/dev/null) && [ -n "$running" ]; then
      # shellcheck disable=SC2086
      timeout 30 "$docker" --host "$host" kill $running >/dev/null 2>&1 || true
    fi
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 30; then
      echo "machine_dockerd: dockerd $pid ignored SIGTERM for 30s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || true
    fi
  fi
  if pid=$(alive "$dir/slirp4netns.pid"); then kill -TERM "$pid" 2>/dev/null || true; fi
  # The holder last: the namespace goes away with its last process.
  local leftovers
  leftovers=$(leftover_processes | sort -u)
  if [ -n "$leftovers" ]; then
    # shellcheck disable=SC2086
    kill -KILL $leftovers 2>/dev/null || true
    sleep 0.5
  fi
  remove_cgroups
  # Overlay, shm and netns mounts: deepest first, lazily if busy.
  local mount_point
  awk -v dir="$dir/" 'index($5, dir) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r mount_point; do
      umount "$mount_point" 2>/dev/null || umount -l "$mount_point" 2>/dev/null || true
    done
  if awk -v dir="$dir/" 'index($5, dir) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
    die "mounts are still left under $dir; not removing it"
  fi
  rm -rf --one-file-system "$dir"
}

# Runs detached: stops everything once its owner is gone (a test that crashed or was killed).
watch() {
  local owner=$1
  while kill -0 "$owner" 2>/dev/null && [ -d "$dir" ]; do
    sleep 1
  done
  rm -f "$dir/watchdog.pid"
  stop
}

case "$command" in
  start) start "$@" ;;
  stop) stop ;;
  env) echo "export DOCKER_HOST=$host" ;;
  watch) [ $# -eq 1 ] || usage; watch "$1" ;;
  *) usage ;;
esac
