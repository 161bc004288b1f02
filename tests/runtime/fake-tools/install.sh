#!/bin/sh
# Installs the fake hook tools into DIR (one symlink per tool name, all to fake-tool).
# Usage: install.sh DIR     then: PATH=DIR:$PATH FAKE_TOOLS_STATE=... FAKE_TOOLS_LOG=... <test>
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
exec python3 "$(dirname "$0")/fake-tool" --install "$1"
