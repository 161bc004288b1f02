#!/usr/bin/env bash
# layer:docker end to end on a container machine: the charm built from layers/docker installs
# docker.io with apt inside a systemd machine; dockerd runs under systemd and answers; a
# daemon-opts change rewrites daemon.json and restarts dockerd once, an equivalent one not at
# all; invalid JSON and settings dockerd refuses block the unit and leave the files as they
# were; a related SDN subordinate moves docker0 and removing it moves it back; the
# clean-containers action removes only stopped containers, clean-images dangling images;
# proxies, the dockerhost URL, runtime choice and upgrade-docker.
# Usage: docker_layer.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
machines_setup "$1"
layers=$(cd "$(dirname "$0")/../../layers" && pwd)
export CHARM_LAYERS_DIR="$layers" CHARM_INTERFACES_DIR="$layers"

step "build the docker and sdn-test charms"
"$build/src/charm-build" -R -l WARNING -o "$work/charms" "$layers/docker" || fail "charm-build layers/docker"
"$build/src/charm-build" -R -l WARNING -o "$work/charms" "$(dirname "$0")/layers/sdn-test" || fail "charm-build sdn-test"

on() { sim ssh docker/0 -- "$@" | tr -d '\r'; }
# The exit code of a command in the machine (on's pipeline would give tr's).
on_ok() { sim ssh docker/0 -- "$@" >/dev/null 2>&1; }
# How many times systemd has started dockerd (journal lines), to count restarts.
starts() { on sh -c 'journalctl --unit=docker.service --output=cat | grep -c "^Started docker.service\|^Started Docker Application Container Engine" || true'; }
daemon_json() { on cat /etc/docker/daemon.json; }

step "deploy docker on a container machine (the install hook runs apt-get install docker.io)"
sim --machine container --hook-timeout 900 deploy "$work/charms/docker"
expect "docker/0 status" "$(status_of docker/0)" "active|Container runtime available.|idle"
expect "dockerd under systemd" "$(on systemctl is-active docker)" "active"
version=$(on docker info --format '{{.ServerVersion}}')
[ -n "$version" ] || fail "docker info does not answer in the machine"
expect "application version" "$(sim status --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["applications"]["docker"]["version"])')" "$version"
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["log-opts"]["max-size"] == "10m", d' "$(daemon_json)" ||
  fail "daemon.json is not the default daemon-opts: $(daemon_json)"
step "docker $version installed and answering"

step "daemon-opts changed: daemon.json rewritten, dockerd restarted exactly once"
before=$(starts)
sim config docker daemon-opts='{"log-driver": "json-file", "log-opts": {"max-size": "20m"}, "debug": true}'
expect "dockerd starts after a daemon-opts change" "$(( $(starts) - before ))" 1
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["debug"] is True and d["log-opts"]["max-size"] == "20m", d' "$(daemon_json)" ||
  fail "daemon.json does not have the new settings: $(daemon_json)"
expect "debug mode in the running daemon" "$(on docker info --format '{{.Debug}}')" "true"

step "the same settings written differently: no restart"
before=$(starts)
sim config docker daemon-opts='{"debug":true,"log-opts":{"max-size":"20m"},"log-driver":"json-file"}'
expect "dockerd starts after an equivalent daemon-opts" "$(( $(starts) - before ))" 0
expect "docker/0 status" "$(status_of docker/0)" "active|Container runtime available.|idle"

step "invalid JSON: blocked, naming the problem; nothing written, no restart"
good=$(daemon_json)
before=$(starts)
sim config docker daemon-opts='{"debug": true,'
status=$(status_of docker/0)
case "$status" in "blocked|Invalid daemon-opts: "*"line 1"*"|idle") ;; *) fail "status after invalid daemon-opts: $status" ;; esac
expect "daemon.json after invalid daemon-opts" "$(daemon_json)" "$good"
expect "dockerd starts after invalid daemon-opts" "$(( $(starts) - before ))" 0

step "a setting dockerd refuses: blocked with dockerd's reason, previous files back, dockerd running"
sim config docker daemon-opts='{"bip": "not-an-address"}'
status=$(status_of docker/0)
case "$status" in "blocked|dockerd refused the new settings, kept the previous ones: "*"|idle") ;; *) fail "status after a bad bip: $status" ;; esac
echo "  $status"
expect "daemon.json after a refused setting" "$(daemon_json)" "$good"
expect "dockerd after a refused setting" "$(on systemctl is-active docker)" "active"

step "a flag in both docker-opts and daemon-opts: blocked before anything is written"
sim config docker daemon-opts='{"debug": true}' docker-opts='--debug'
case "$(status_of docker/0)" in "blocked|Set in both daemon-opts and docker-opts: "*) ;; *) fail "status after a conflict: $(status_of docker/0)" ;; esac
expect "daemon.json after a conflict" "$(daemon_json)" "$good"

step "config fixed: active again"
sim config docker --reset daemon-opts,docker-opts
expect "docker/0 status" "$(status_of docker/0)" "active|Container runtime available.|idle"
on_ok grep -q '"max-size": "10m"' /etc/docker/daemon.json || fail "daemon.json is not back to the defaults: $(daemon_json)"

step "http_proxy: a systemd drop-in, dockerd restarted and using it; removed again"
sim config docker http_proxy=http://10.20.30.40:3128 no_proxy=localhost,10.0.0.0/8
on_ok grep -qx 'Environment="HTTP_PROXY=http://10.20.30.40:3128"' /etc/systemd/system/docker.service.d/juju-proxy.conf ||
  fail "proxy drop-in: $(on cat /etc/systemd/system/docker.service.d/juju-proxy.conf)"
expect "dockerd's HTTP proxy" "$(on docker info --format '{{.HTTPProxy}}')" "http://10.20.30.40:3128"
expect "dockerd's no_proxy" "$(on docker info --format '{{.NoProxy}}')" "localhost,10.0.0.0/8"
sim config docker --reset http_proxy,no_proxy
on_ok test -e /etc/systemd/system/docker.service.d/juju-proxy.conf && fail "the proxy drop-in is still there"
expect "dockerd's HTTP proxy after reset" "$(on docker info --format '{{.HTTPProxy}}')" ""

step "docker_runtime changed after install: blocked, nothing removed; set back: active"
sim config docker docker_runtime=upstream
case "$(status_of docker/0)" in "blocked|docker_runtime is chosen at install (this unit has \"apt\")"*) ;; *) fail "status after a runtime change: $(status_of docker/0)" ;; esac
expect "dockerd after a runtime change" "$(on systemctl is-active docker)" "active"
sim config docker --reset docker_runtime
expect "docker/0 status" "$(status_of docker/0)" "active|Container runtime available.|idle"

step "relate an SDN subordinate: docker0 moves to its subnet and MTU"
bridge_before=$(on ip -4 -o addr show docker0 | awk '{ print $4 }')
[ -n "$bridge_before" ] || fail "no docker0 address before the SDN"
sim deploy "$work/charms/sdn-test"
sim relate docker:sdn-plugin sdn-test:host
expect "sdn-test/0 status" "$(status_of sdn-test/0)" "active|sent 10.99.7.1/24 mtu 1300|idle"
on ip -4 -o addr show docker0 | grep -q 'inet 10.99.7.1/24' || fail "docker0 is not on 10.99.7.1/24: $(on ip -4 -o addr show docker0)"
expect "bridge network MTU" "$(on docker network inspect bridge --format '{{index .Options "com.docker.network.driver.mtu"}}')" 1300
expect "docker/0 status with SDN" "$(status_of docker/0)" "active|Container runtime available.|idle"

step "dockerhost: the subordinate gets the daemon's URL"
sim relate docker:dockerhost sdn-test:docker-host
sdn_dir=$(sim show-unit sdn-test/0 --format json | python3 -c 'import json,sys; print(list(json.load(sys.stdin).values())[0]["charm-dir"])')
expect "URL the subordinate got" "$(cat "$sdn_dir/docker-url.txt")" "unix:///var/run/docker.sock"

step "remove the relation: docker0 goes back to where it was ($bridge_before), MTU 1500"
sim remove-relation docker:sdn-plugin sdn-test:host
expect "docker0 after the SDN left" "$(on ip -4 -o addr show docker0 | awk '{ print $4 }')" "$bridge_before"
mtu=$(on docker network inspect bridge --format '{{index .Options "com.docker.network.driver.mtu"}}')
[ -z "$mtu" ] || [ "$mtu" = 1500 ] || fail "bridge network MTU after the SDN left: $mtu, not Docker's default"
on_ok grep -q '"mtu"' /etc/docker/daemon.json && fail "mtu is still in daemon.json: $(daemon_json)"
expect "docker/0 status without SDN" "$(status_of docker/0)" "active|Container runtime available.|idle"

step "clean-containers removes stopped containers and leaves running ones"
container=$(dk ps --quiet --filter label=charm-sim.machine=0 --filter label=charm-sim.model)
dk cp /bin/busybox "$container:/usr/local/bin/busybox"
on sh -c 'set -e; r=$(mktemp -d); mkdir $r/bin; cp /usr/local/bin/busybox $r/bin/; ln -s busybox $r/bin/sh; ln -s busybox $r/bin/sleep; ln -s busybox $r/bin/true; tar -C $r -c . | docker import - local/busybox >/dev/null'
on docker run --name stopped-one local/busybox /bin/true >/dev/null
on docker run --detach --name still-running local/busybox /bin/sleep 3600 >/dev/null
result=$(sim run docker/0 clean-containers --format json)
echo "  $result"
python3 -c '
import json, sys
r = json.loads(sys.argv[1])
r = r.get("results", r) if isinstance(r, dict) else r
flat = json.dumps(r)
assert "stopped-one" in flat and "still-running" in flat, r' "$result" || fail "clean-containers results: $result"
expect "containers left" "$(on docker ps --all --format '{{.Names}}')" "still-running"

step "clean-images removes dangling images only, by default"
# Building local/temp twice leaves the first build without a tag: a dangling image.
on sh -c 'printf "FROM local/busybox\nCMD [\"/bin/true\"]\n" | docker build -q -t local/temp - >/dev/null'
on sh -c 'printf "FROM local/busybox\nCMD [\"/bin/sh\"]\n" | docker build -q -t local/temp - >/dev/null'
[ -n "$(on docker images --filter dangling=true -q)" ] || fail "no dangling image to clean"
result=$(sim run docker/0 clean-images --format json)
echo "  $result"
expect "dangling images left" "$(on docker images --filter dangling=true -q)" ""
on_ok docker image inspect local/busybox local/temp || fail "clean-images removed a tagged image"

step "upgrade-docker: apt upgrade (nothing newer offline), result names the package"
result=$(sim run docker/0 upgrade-docker --format json)
echo "  $result"
installed=$(on dpkg-query --show --showformat='${Version}' docker.io)
runtime=$(echo "$result" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"]["runtime"])')
expect "upgrade-docker's runtime result" "$runtime" "docker.io $installed"
expect "docker/0 status after upgrade-docker" "$(status_of docker/0)" "active|Container runtime available.|idle"

step "upstream runtime without a key: blocked before installing anything"
sim deploy "$work/charms/docker" docker-up --config docker_runtime=upstream
case "$(status_of docker-up/0)" in "blocked|docker_runtime \"upstream\" needs docker_runtime_key"*) ;; *) fail "docker-up/0: $(status_of docker-up/0)" ;; esac
sim ssh docker-up/0 -- dpkg-query --show docker.io >/dev/null 2>&1 && fail "docker.io got installed on docker-up/0"

step "destroy"
sim destroy
expect_daemon_empty
step "done"
