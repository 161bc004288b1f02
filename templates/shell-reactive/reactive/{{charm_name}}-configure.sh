#!/bin/sh
# Whenever the `greeting` option changes (the first hook counts as a change): configure the
# workload and report it. Hook tools (config-get, status-set, ...) are on PATH.
# @when {{charm_name}}.installed config.changed.greeting
set -e
greeting=$(config-get greeting)
charm-reactive kv_set {{charm_name}}.greeting "$(config-get --format=json greeting)"
status-set active "$greeting"
