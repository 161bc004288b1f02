#!/bin/sh
# @hook data-storage-detaching
# The charm dir goes with the unit, so the log keeps what this hook saw.
set -e
juju-log "detaching $JUJU_STORAGE_ID from $(storage-get location)"
