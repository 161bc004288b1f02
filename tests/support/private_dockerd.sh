#!/usr/bin/env bash
# A private dockerd for tests, everything under one directory, never touching the host's Docker:
# its own socket, data root, exec root, pidfile, config file, trust key and cgroup parent; no
# bridge, no iptables or ip6tables rules, no masquerading (so no docker0, and `iptables -S` stays
# as it was).
#
#   private_dockerd.sh start DIR [DOCKERD_ARG...]   start, wait until `docker version` answers
#   private_dockerd.sh stop DIR                      stop it, unmount what is left, remove DIR
#   private_dockerd.sh env DIR                       print `export DOCKER_HOST=unix://DIR/docker.sock`
#
# DIR should be short (mktemp -d /tmp/XXXXXX): unix socket paths end at 107 bytes. A
# `--config-file` among DOCKERD_ARGs replaces the private one and must set "deprecated-key-path"
# (else dockerd writes /etc/docker/key.json). Environment: DOCKERD (default: dockerd on PATH,
# else /usr/sbin/dockerd), DOCKER (the client used to probe, default docker),
# PRIVATE_DOCKERD_OWNER_PID (stop the daemon when that process is gone, even if it is killed),
# PRIVATE_DOCKERD_TIMEOUT (seconds to wait for the daemon, default 60).
set -euo pipefail

die() {
  echo "private_dockerd: $*" >&2
  exit 1
}

usage() {
  die "usage: private_dockerd.sh start|stop|env DIR [DOCKERD_ARG...]"
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
# Containers get their cgroups under this parent instead of the shared /docker.
cgroup_parent="/charm-test-$(basename "$dir")"

daemon_pid() {
  local pid
  [ -s "$dir/docker.pid" ] || return 1
  pid=$(cat "$dir/docker.pid")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# Processes started by this daemon (containerd, shims) name DIR on their command line; this
# script and its watchdog do too, and grep itself while it runs.
processes_under_dir() {
  local file
  grep -laF -- "$dir/" /proc/[0-9]*/cmdline 2>/dev/null | while read -r file; do
    [ -e "$file" ] || continue
    grep -qaF private_dockerd.sh "$file" 2>/dev/null && continue
    file=${file#/proc/}
    echo "${file%/cmdline}"
  done || true  # grep finds nothing once the daemon is gone
}

container_cgroup_processes() {
  local cg
  for cg in $(cgroup_dirs); do
    find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null || true
  done
}

cgroup_dirs() {
  local cg
  # cgroup v2: one tree; v1: one per controller.
  for cg in /sys/fs/cgroup"$cgroup_parent" /sys/fs/cgroup/*"$cgroup_parent"; do
    [ -d "$cg" ] && echo "$cg"
  done
  return 0
}

# A cgroup directory can only be removed once its children are, and once its processes have
# exited, which a just-killed container may not have yet: deepest first, for up to 2 s.
remove_cgroups() {
  local i cg
  for ((i = 0; i < 20; i++)); do
    [ -n "$(cgroup_dirs)" ] || return 0
    for cg in $(cgroup_dirs); do
      find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    done
    sleep 0.1
  done
  echo "private_dockerd: cannot remove cgroups $(cgroup_dirs | tr '\n' ' ')" >&2
}

wait_gone() {  # PID SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

start() {
  local dockerd=${DOCKERD:-$(command -v dockerd || echo /usr/sbin/dockerd)}
  local docker=${DOCKER:-docker}
  local timeout=${PRIVATE_DOCKERD_TIMEOUT:-60}
  [ -x "$dockerd" ] || die "no dockerd binary ($dockerd); install Debian's docker.io (scripts/setup.sh does)"
  command -v "$docker" >/dev/null || die "no docker client ($docker) on PATH; install Debian's docker.io"
  [ "$(id -u)" = 0 ] || die "dockerd needs root; run the Docker tests as root"
  [ ${#dir} -le 60 ] || die "$dir is too long for dockerd's sockets (at most 60 bytes); use mktemp -d /tmp/XXXXXX"
  if daemon_pid >/dev/null; then die "a daemon already runs in $dir (pid $(daemon_pid))"; fi
  mkdir -p "$dir"

  local args=(--host "$host" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid"
    --bridge none --iptables=false --ip6tables=false --ip-masq=false
    --cgroup-parent "$cgroup_parent" --shutdown-timeout 2)
  local arg own_config="" next_is_config=""
  for arg in "$@"; do
    if [ -n "$next_is_config" ]; then own_config=$arg next_is_config=""; fi
    case "$arg" in
      --config-file) next_is_config=yes ;;
      --config-file=*) own_config=${arg#--config-file=} ;;
    esac
  done
  if [ -n "$own_config" ]; then
    grep -q '"deprecated-key-path"' "$own_config" ||
      die "$own_config sets no \"deprecated-key-path\"; dockerd would write /etc/docker/key.json"
  else
    # The trust key would otherwise go to /etc/docker/key.json.
    printf '{"deprecated-key-path": "%s/key.json"}\n' "$dir" >"$dir/daemon.json"
    args+=(--config-file "$dir/daemon.json")
  fi

  # setsid and no inherited descriptors: the caller may be waiting for its pipes to close.
  setsid "$dockerd" "${args[@]}" "$@" >"$dir/dockerd.log" 2>&1 </dev/null &
  local pid=$!
  if [ -n "${PRIVATE_DOCKERD_OWNER_PID:-}" ]; then
    setsid bash "$0" watch "$dir" "$PRIVATE_DOCKERD_OWNER_PID" >/dev/null 2>&1 </dev/null &
    echo $! >"$dir/watchdog.pid"
  fi

  local i
  for ((i = 0; i < timeout * 5; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "private_dockerd: dockerd exited during start-up; the end of $dir/dockerd.log:" >&2
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
  echo "private_dockerd: dockerd did not answer on $host within ${timeout}s; the end of $dir/dockerd.log:" >&2
  tail -n 15 "$dir/dockerd.log" >&2
  stop >/dev/null 2>&1 || true
  exit 1
}

stop() {
  [ -d "$dir" ] || return 0
  # Everything below ends in rm -rf: only ever in a directory `start` filled.
  [ -e "$dir/dockerd.log" ] || die "$dir has no dockerd.log: not a private_dockerd directory, not touching it"
  local pid
  if [ -s "$dir/watchdog.pid" ]; then
    pid=$(cat "$dir/watchdog.pid")
    [ "$pid" = "$$" ] || kill "$pid" 2>/dev/null || true
  fi
  # SIGTERM lets dockerd stop its containers and its containerd. Test containers are throwaway:
  # killing them first saves waiting each one's stop timeout (a `sleep` as PID 1 ignores SIGTERM).
  if pid=$(daemon_pid); then
    local docker=${DOCKER:-docker} running
    if running=$(timeout 10 "$docker" --host "$host" ps --quiet 2>/dev/null) && [ -n "$running" ]; then
      # shellcheck disable=SC2086
      timeout 20 "$docker" --host "$host" kill $running >/dev/null 2>&1 || true
    fi
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 30; then
      echo "private_dockerd: dockerd $pid ignored SIGTERM for 30s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || true
    fi
  fi
  # Anything a killed daemon left: containerd, shims, container processes.
  local leftovers
  leftovers=$( (processes_under_dir; container_cgroup_processes) | sort -u)
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

# Runs detached: stops the daemon once its owner is gone (a test binary that crashed or was killed).
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
