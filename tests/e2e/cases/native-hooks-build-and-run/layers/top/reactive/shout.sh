#!/bin/sh
# @when app.installed
# @when_not app.shouted
set -e
charm-reactive kv_set app.shout '"HELLO"'
charm-reactive set_flag app.shouted
