#!/usr/bin/env bash
# Set up, build, and run every test (unit, end-to-end, parity with charm-tools' output).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
ctest --output-on-failure -j"$(nproc)"
