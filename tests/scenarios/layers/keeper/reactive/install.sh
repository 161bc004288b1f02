#!/bin/sh
# @hook install
# Outside a storage hook storage-get needs -s (no JUJU_STORAGE_ID); storage-list names the ids.
set -e
id=$(storage-list data)
{
  echo "principal=[$JUJU_PRINCIPAL_UNIT]"
  echo "storage-list: $(storage-list)"
  echo "storage-get -s $id location: $(storage-get -s "$id" location)"
  echo "storage-get location: $(storage-get location 2>&1 || true)"
} > "$CHARM_DIR/install.txt"
