#!/bin/sh
# A shell handler of the {{charm_name}} charm. Every executable reactive/*.sh whose header
# comments declare conditions is one handler, run when they hold. The header ends at the first
# command; its condition lines are `# @DIRECTIVE ARGS` with the directives when, when_not,
# when_any, when_not_all, hook, when_file_changed and only_once (so write no other `# @` lines).
#
# Once per unit, in its first hook: install the workload here.
# @when_not {{charm_name}}.installed
set -e
status-set maintenance "installing"
juju-log "{{charm_name}} installed"
# Flags and the unit's key-value store: `charm-reactive help` lists the commands. Their changes
# are kept only if the whole hook succeeds.
charm-reactive set_flag {{charm_name}}.installed
