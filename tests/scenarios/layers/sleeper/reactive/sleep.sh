#!/bin/sh
# @hook install
# Hangs, so that the test can interrupt `charm-sim test` while a hook runs.
sleep 600
