#!/usr/bin/env bash
# juju-reboot on a container machine: `juju-reboot --now` in install kills the hook, restarts
# the machine and runs install again; `juju-reboot` in start lets the hook finish, restarts the
# machine and runs start again, as Juju 3.x does. The machine really restarts: its PID 1 starts
# anew (the start time the hooks record changes), the unit keeps its charm dir and address.
# Usage: reboot.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
machines_setup "$1"
charm=$(charm_copy rebooter)

step "deploy rebooter: install reboots --now, start reboots after the hook"
sim --machine container deploy "$charm" 2>&1 | tee "$work/deploy.log"
charm_dir=$(sim show-unit rebooter/0 --format json | python3 -c 'import json,sys; print(list(json.load(sys.stdin).values())[0]["charm-dir"])')
cat "$charm_dir/order.txt"
expect "status" "$(status_of rebooter/0)" "active|started|idle"
expect "hooks as the unit saw them" "$(cut -d' ' -f1 "$charm_dir/order.txt" | tr '\n' ' ')" "install-interrupted install start start "
boots=$(cut -d' ' -f2 "$charm_dir/order.txt" | tr '\n' ' ')
read -r b1 b2 b3 b4 <<<"$boots"
[ "$b1" != "$b2" ] || fail "the machine did not restart after juju-reboot --now (PID 1 start times: $boots)"
[ "$b2" = "$b3" ] || fail "the machine restarted between install and start (PID 1 start times: $boots)"
[ "$b3" != "$b4" ] || fail "the machine did not restart after juju-reboot (PID 1 start times: $boots)"
grep -q "rebooting machine 0" "$work/deploy.log" || fail "charm-sim did not say it rebooted the machine"
expect "reboots in the log" "$(sim debug-log --include rebooter/0 | grep -c 'juju-reboot')" 2

step "destroy"
sim destroy
expect_daemon_empty
step "done"
