#!/usr/bin/env bash
# Makes a small image for tests without pulling anything: a rootfs holding Debian's static
# busybox (package busybox-static) and a symlink per applet, imported with `docker import`.
#
#   busybox_image.sh HOST [TAG]      HOST as for `docker --host` (unix:///path/docker.sock);
#                                    TAG defaults to charm-test/busybox:latest
#
# Prints the image id. Does nothing but print it when TAG already exists. Environment:
# BUSYBOX (default /bin/busybox), DOCKER (the client, default docker).
set -euo pipefail

die() {
  echo "busybox_image: $*" >&2
  exit 1
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then die "usage: busybox_image.sh HOST [TAG]"; fi
host=$1
tag=${2:-charm-test/busybox:latest}
busybox=${BUSYBOX:-/bin/busybox}
docker=${DOCKER:-docker}

if id=$("$docker" --host "$host" image inspect --format '{{.Id}}' "$tag" 2>/dev/null); then
  echo "$id"
  exit 0
fi

[ -x "$busybox" ] || die "no $busybox; install Debian's busybox-static (scripts/setup.sh does)"
# A dynamically linked busybox would need its libraries inside the image.
if ldd "$busybox" >/dev/null 2>&1; then
  die "$busybox is dynamically linked; install Debian's busybox-static"
fi

rootfs=$(mktemp -d /tmp/busybox-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,proc,sys,dev,tmp}
chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
# The links `busybox --install -s` would make, made from outside: run inside the image it would
# need a chroot, and run outside it would point them at this host's path.
"$busybox" --list-full | while read -r applet; do
  [ "$applet" = bin/busybox ] || [ -e "$rootfs/$applet" ] || ln -s /bin/busybox "$rootfs/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"

tar --numeric-owner -C "$rootfs" -c . |
  "$docker" --host "$host" import --change 'CMD ["/bin/sh"]' --message "busybox-static test image" - "$tag" >/dev/null
"$docker" --host "$host" image inspect --format '{{.Id}}' "$tag"
