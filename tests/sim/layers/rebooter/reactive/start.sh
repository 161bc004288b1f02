#!/bin/sh
# The first start asks for a reboot after the hook; the start after the reboot does not.
# @hook start
set -e
cd "$CHARM_DIR"
echo "start" >>order.txt
if [ ! -e rebooted-start ]; then
  touch rebooted-start
  juju-reboot
fi
status-set active "started"
