#!/bin/sh
# The first config-changed asks for a reboot after the hook; with fail=yes the hook asks for
# one and fails (so there must be no reboot).
# @hook config-changed
set -e
cd "$CHARM_DIR"
echo "config-changed fail=$(config-get fail)" >>order.txt
if [ ! -e rebooted-config ]; then
  touch rebooted-config
  juju-reboot
fi
if [ "$(config-get fail)" = yes ]; then
  juju-reboot
  exit 1
fi
