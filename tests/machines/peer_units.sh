#!/usr/bin/env bash
# End to end on container machines: the peer-web test charm deployed as 3 units, each in its
# own systemd container on the model's network, related to each other by their peer relation.
# Each unit serves its own address with busybox httpd, publishes it in relation data, and
# fetches the others' pages; then remove-unit and destroy. Checks the addresses are the
# containers' real ones, every unit reached the others, the removed machine is gone, nothing
# of the model is left on the daemon, and the host's cgroup mounts, iptables and links are as
# they were.
# Usage: peer_units.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
machines_setup "$1"
charm=$(charm_copy peer-web)
app=peer-web

step "deploy $app -n 3 on container machines"
sim --machine container deploy "$charm" -n 3
step "tick (update-status: every unit fetches its peers' pages again)"
sim -q tick

step "checking addresses, relation data and what each unit reached"
network=$(dk network ls --quiet --filter label=charm-sim.model)
[ "$(echo "$network" | wc -w)" = 1 ] || fail "expected one network for the model, got [$network]"
network_name=$(dk network inspect --format '{{.Name}}' "$network")
[ "$(dk network inspect --format '{{index .Options "com.docker.network.driver.mtu"}}' "$network")" = 1400 ] ||
  fail "the model network's MTU is not 1400"
declare -A address
for n in 0 1 2; do
  container=$(dk ps --quiet --filter "label=charm-sim.machine=$n" --filter label=charm-sim.model)
  [ -n "$container" ] || fail "no running container for machine $n"
  address[$n]=$(dk inspect --format "{{(index .NetworkSettings.Networks \"$network_name\").IPAddress}}" "$container")
  [ -n "${address[$n]}" ] || fail "machine $n has no address on $network_name"
  echo "  $app/$n: machine $n, container ${container:0:12}, address ${address[$n]}"
done
[ "${address[0]}" != "${address[1]}" ] && [ "${address[1]}" != "${address[2]}" ] || fail "addresses are not distinct"
machine_ids=""
for n in 0 1 2; do
  unit="$app/$n"
  show=$(sim show-unit "$unit" --format json)
  expect "$unit address" "$(echo "$show" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(list(d.values())[0]["address"])')" "${address[$n]}"
  charm_dir=$(echo "$show" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(list(d.values())[0]["charm-dir"])')
  expect "$unit network-get --ingress-address" "$(cat "$charm_dir/ingress-address.txt")" "${address[$n]}"
  # What the other units published, as this unit's relation data shows it: their real addresses.
  for m in 0 1 2; do
    [ "$m" = "$n" ] && continue
    published=$(echo "$show" | python3 -c '
import json, sys
d = list(json.load(sys.stdin).values())[0]
rel = [r for r in d["relation-info"] if r["endpoint"] == "web"][0]
print(rel["related-units"][sys.argv[1]]["data"].get("address", ""))' "$app/$m")
    expect "address $app/$m published to $unit" "$published" "${address[$m]}"
    grep -qx "$app/$m ${address[$m]} ${address[$m]}" "$charm_dir/reached.txt" ||
      fail "$unit did not fetch $app/$m's page: $(cat "$charm_dir/reached.txt")"
  done
  expect "$unit status" "$(status_of "$unit")" "active|reached 2 peers|idle"
  id=$(cat "$charm_dir/machine-id.txt")
  [ ${#id} = 32 ] || fail "$unit: machine-id [$id] is not a fresh one"
  case " $machine_ids " in *" $id "*) fail "$unit shares machine-id $id with another machine" ;; esac
  machine_ids="$machine_ids $id"
done

step "ssh: systemd runs in the machine, the charm dir is the working dir"
state=$(sim ssh "$app/1" systemctl is-system-running | tr -d '\r' || true)
[ "$state" = running ] || [ "$state" = degraded ] || fail "systemctl is-system-running in $app/1: [$state]"
expect "ssh working dir" "$(sim ssh "$app/1" pwd | tr -d '\r')" "/var/lib/juju/agents/unit-peer-web-1/charm"
expect "hook tools in the machine" "$(sim ssh "$app/1" ls /var/lib/juju/tools/relation-get | tr -d '\r')" "/var/lib/juju/tools/relation-get"

step "checking the host: no docker0, the model's bridge lives only in the daemon's namespace"
bridge="br-${network:0:12}"
if ip link show docker0 >/dev/null 2>&1 && ! grep -q '^docker0:' "$host_before"; then fail "a docker0 appeared on the host"; fi
! ip link show "$bridge" >/dev/null 2>&1 || fail "the model's bridge $bridge is on the host"
nsenter --net="/proc/$(cat "$daemon_dir/netns.pid")/ns/net" ip link show "$bridge" >/dev/null ||
  fail "the model's bridge $bridge is not in the daemon's namespace either"

step "debug-log has the units' hook output"
sim debug-log --include "$app/0" >"$work/debug.log"
grep -q "unit-peer-web-0" "$work/debug.log" || fail "debug-log shows nothing of $app/0: $(head -5 "$work/debug.log")"

step "remove-unit $app/2: its machine, container and volume go"
sim remove-unit "$app/2"
expect "containers of machine 2" "$(dk ps --all --quiet --filter label=charm-sim.machine=2)" ""
expect "volumes of machine 2" "$(dk volume ls --quiet --filter label=charm-sim.machine=2)" ""
[ -n "$(dk ps --quiet --filter label=charm-sim.machine=0)" ] || fail "machine 0 went too"
for n in 0 1; do expect "$app/$n status after remove-unit" "$(status_of "$app/$n")" "active|reached 1 peers|idle"; done

step "destroy: every container, volume and network of the model goes"
sim destroy
[ ! -e "$work/model" ] || fail "the model dir is still there"
expect_daemon_empty
step "done"
