#!/bin/sh
# @hook host-relation-joined
# Tells the principal who watches it.
set -e
relation-set watcher="$JUJU_UNIT_NAME"
