#!/bin/sh
# @hook start
set -e
status-set active "keeping $(storage-list) at $(storage-get -s "$(storage-list data)" location)"
