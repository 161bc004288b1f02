#!/usr/bin/env bash
# Failures on container machines: a hook that hangs is killed at the hook timeout, with the
# process it started inside the machine, and reported as a failed hook; a machine that cannot
# boot (an image without systemd) is an error naming the cause, and leaves nothing behind.
# Usage: failures.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
machines_setup "$1"

step "deploy hang with --hook-timeout 8: install never ends"
rc=0
sim --machine container --hook-timeout 8 deploy "$(charm_copy hang)" 2>"$work/hang.err" || rc=$?
cat "$work/hang.err"
expect "exit code of a deploy whose hook timed out" "$rc" 3
grep -q 'install.*timed out' "$work/hang.err" || fail "the progress line does not say install timed out"
status=$(status_of hang/0)
case "$status" in *"|error") ;; *) fail "hang/0 is not in error: $status" ;; esac
case "$status" in *'hook failed: "install"'*) ;; *) fail "hang/0's status does not name the install hook: $status" ;; esac
container=$(dk ps --quiet --filter label=charm-sim.machine=0 --filter label=charm-sim.model)
[ -n "$container" ] || fail "hang/0's machine is not running"
left=$(dk exec "$container" sh -c 'for p in /proc/[0-9]*; do tr "\0" " " <"$p/cmdline"; echo; done' 2>/dev/null | grep -c 'sleep 3600' || true)
expect "hook processes left in the machine after the timeout" "$left" 0

step "destroy the model of the failed unit"
sim destroy
expect_daemon_empty

step "deploy on an image without systemd: the error names the cause"
bash "$support/busybox_image.sh" "$DOCKER_HOST" charm-test/busybox:latest >/dev/null
rc=0
CHARM_SIM_MACHINE_IMAGE=charm-test/busybox:latest sim --machine container deploy "$work/hang" 2>"$work/boot.err" || rc=$?
cat "$work/boot.err"
expect "exit code of a deploy whose machine did not boot" "$rc" 1
grep -q 'machine charm-sim-[0-9a-f]*-0 did not boot: .*systemctl' "$work/boot.err" ||
  fail "the error does not say machine 0 did not boot and why"
expect_daemon_empty
rm -rf "$work/model"
step "done"
