#!/bin/bash
# @when_not client.connected
status-set blocked "waiting for a store (relate to store:db)"
