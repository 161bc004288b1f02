#!/usr/bin/env bash
# Installs what charm-build needs from Debian's archive (only what is missing) and builds it
# into build/. Safe to run again: a second run installs nothing and rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libyaml-cpp-dev libcli11-dev libspdlog-dev nlohmann-json3-dev libssl-dev catch2 libvalijson-dev
  libsqlite3-dev libkainjow-mustache-dev
  libzip-dev zipcmp zipmerge ziptool   # libzip's CMake config checks its tools exist
  unzip                                # tests read .charm files back
  python3 python3-ruamel.yaml   # the parity tests' tree comparator
  docker.io busybox-static docker-compose   # the Docker library's tests: a private dockerd, busybox images
  etcd-server debootstrap iproute2 iptables  # etcd for the layers' tests; debootstrap bakes machine images
  slirp4netns   # charm-sim's container machine tests: NAT for a private dockerd in its own network namespace
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Never start the daemons these packages ship (docker, etcd): tests run private ones and the
  # user's own services stay as they were. policy-rc.d 101 = "action forbidden".
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build -j"$jobs"
