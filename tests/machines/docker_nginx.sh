#!/usr/bin/env bash
# The docker-nginx example end to end on container machines: a web server image made with
# `docker import` from busybox-static and attached as a resource; a tarball that is not an
# image blocks the unit with docker's reason; the container serves on the published port,
# reached from a unit on another machine over the http relation; a port change moves it;
# a stopped container is reported by update-status.
# Usage: docker_nginx.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
machines_setup "$1"
layers=$(cd "$(dirname "$0")/../../layers" && pwd)
export CHARM_LAYERS_DIR="$layers" CHARM_INTERFACES_DIR="$layers"

step "build the docker-nginx charm and a busybox httpd image as its resource"
"$build/src/charm-build" -R -l WARNING -o "$work/charms" "$layers/docker-nginx" || fail "charm-build layers/docker-nginx"
rootfs="$work/rootfs"
mkdir -p "$rootfs/bin" "$rootfs/www"
cp /bin/busybox "$rootfs/bin/busybox"
for tool in sh httpd; do ln -s busybox "$rootfs/bin/$tool"; done
echo "hello from docker-nginx" >"$rootfs/www/index.html"
tar -C "$rootfs" -c . | dk import --change 'CMD ["/bin/httpd", "-f", "-p", "80", "-h", "/www"]' - local/web:1 >/dev/null
dk save local/web:1 -o "$work/web.tar"
dk rmi local/web:1 >/dev/null
echo "this is not an image" >"$work/not-an-image.tar"

step "deploy with a resource that is not an image: blocked with docker's reason"
sim --machine container --hook-timeout 900 deploy "$work/charms/docker-nginx" --resource image="$work/not-an-image.tar"
status=$(status_of docker-nginx/0)
echo "  $status"
case "$status" in "blocked|The image resource is not an image tarball: "*"|idle") ;; *) fail "status with a bad resource: $status" ;; esac

on() { sim ssh docker-nginx/0 -- "$@" | tr -d '\r'; }

step "refresh with the real image: the container serves on port 80"
sim upgrade docker-nginx --resource image="$work/web.tar"
expect "docker-nginx/0 status" "$(status_of docker-nginx/0)" "active|Serving on port 80|idle"
expect "container state" "$(on docker inspect --format '{{.State.Status}} {{.HostConfig.RestartPolicy.Name}}' docker-nginx)" "running always"
expect "opened ports" "$(sim status --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["applications"]["docker-nginx"]["units"]["docker-nginx/0"].get("open-ports"))')" "['80/tcp']"

step "a unit on another machine reaches it over the website relation"
sim deploy "$(charm_copy http-check)"
sim relate http-check:website docker-nginx:website
address=$(sim show-unit docker-nginx/0 --format json | python3 -c 'import json,sys; print(list(json.load(sys.stdin).values())[0]["address"])')
expect "http-check/0 status" "$(status_of http-check/0)" "active|fetched from $address:80: hello from docker-nginx|idle"

step "port 8080: the container moves, the relation follows"
sim config docker-nginx port=8080
expect "docker-nginx/0 status" "$(status_of docker-nginx/0)" "active|Serving on port 8080|idle"
expect "http-check/0 status" "$(status_of http-check/0)" "active|fetched from $address:8080: hello from docker-nginx|idle"
expect "opened ports after the change" "$(sim status --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["applications"]["docker-nginx"]["units"]["docker-nginx/0"].get("open-ports"))')" "['8080/tcp']"

step "a stopped container shows in update-status, and recovers"
on docker stop --time 1 docker-nginx >/dev/null
sim -q tick
status=$(status_of docker-nginx/0)
case "$status" in "blocked|Container docker-nginx is exited (exit code "*")|idle") ;; *) fail "status with the container stopped: $status" ;; esac
on docker start docker-nginx >/dev/null
sim -q tick
expect "docker-nginx/0 status after restart" "$(status_of docker-nginx/0)" "active|Serving on port 8080|idle"

step "destroy"
sim destroy
expect_daemon_empty
step "done"
