#!/bin/bash
# @hook db-relation-broken
charm-reactive clear_flag client.connected
rm -f "$CHARM_DIR/connections.txt"
