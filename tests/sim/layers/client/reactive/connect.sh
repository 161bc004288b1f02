#!/bin/bash
# @hook db-relation-changed
# Records where the store is, from the remote unit's data.
set -euo pipefail
host=$(relation-get host || true)
port=$(relation-get port || true)
if [ -z "$host" ]; then
  exit 0
fi
echo "$JUJU_REMOTE_UNIT $host:$port $(relation-get motd)" >> "$CHARM_DIR/connections.txt"
charm-reactive set_flag client.connected
status-set active "connected to $host:$port"
