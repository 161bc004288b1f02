#!/usr/bin/env bash
# The main job: set up, build charm-build, then build the bundled docker-nginx charm (layer:basic
# + layer:docker + interfaces, C++ handlers compiled into one static hook binary) from layers/
# into build/charms/. (The Kubernetes charm takes its place once layers/kubernetes exists.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
top=layers/docker-nginx
[ -d layers/kubernetes ] && top=layers/kubernetes
CHARM_LAYERS_DIR="$PWD/layers" CHARM_INTERFACES_DIR="$PWD/layers" \
  build/src/charm-build -o build/charms "$top"
echo "main: built $(ls -d build/charms/*/ | head -1)" >&2
