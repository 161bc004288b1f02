#!/bin/sh
# @when store.installed
# Runs in every hook once installed: the status says how many peers are in the cluster.
set -e
peers=0
for id in $(relation-ids cluster); do
  peers=$((peers + $(relation-list -r "$id" | wc -l)))
done
status-set active "serving on port $(config-get port) ($peers peers)"
