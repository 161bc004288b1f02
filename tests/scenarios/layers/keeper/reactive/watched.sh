#!/bin/sh
# @hook juju-info-relation-changed
# The implicit juju-info endpoint: a principal sees only the subordinate unit beside it.
set -e
relation-list > "$CHARM_DIR/watched-by.txt"
