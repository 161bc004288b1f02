#!/bin/sh
# @hook data-storage-attached
# Runs before install: the storage hook's own instance is what storage-get answers about.
set -e
echo "$JUJU_STORAGE_ID $(storage-get kind) $(storage-get location)" > "$CHARM_DIR/storage.txt"
