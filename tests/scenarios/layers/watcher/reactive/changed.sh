#!/bin/sh
# @hook host-relation-changed
# A container-scoped relation shows a subordinate its own principal only.
set -e
relation-list > "$CHARM_DIR/sees.txt"
status-set active "watching $JUJU_PRINCIPAL_UNIT"
