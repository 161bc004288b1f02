#!/bin/sh
# @hook install
# Juju names a subordinate's principal in every hook's environment.
printf '%s' "$JUJU_PRINCIPAL_UNIT" > "$CHARM_DIR/principal.txt"
