#!/bin/sh
# Installs once; the first try reboots with --now halfway. What it set before the reboot
# (a flag, a kv value) must be gone when it runs again: order.txt shows what it found.
# @when_not rebooter.installed
set -e
cd "$CHARM_DIR"
found_kv=$(charm-reactive kv_get rebooter.half)
found_flag=unset
if charm-reactive is_flag_set rebooter.half; then found_flag=set; fi
echo "install kv=$found_kv flag=$found_flag" >>order.txt
charm-reactive kv_set rebooter.half '"yes"'
charm-reactive set_flag rebooter.half
if [ ! -e rebooted-now ]; then
  touch rebooted-now
  juju-reboot --now
  echo "install went on after juju-reboot --now" >>order.txt
  sleep 30
fi
charm-reactive set_flag rebooter.installed
