#!/bin/sh
# @hook host-relation-broken
juju-log "host relation broken (principal $JUJU_PRINCIPAL_UNIT)"
