// Container machines: each machine of the model is a systemd container on a Docker daemon,
// on a bridge network of the model's own. Units' hooks run inside with `docker exec`.
//
// On this host, MODEL/machines/N/ is the machine's /var/lib/juju: agents/unit-APP-N/charm is
// a unit's charm dir (a subordinate gets its own beside its principal's), tools/ the hook-tool
// links to a copy of charm-sim-tool. The agent socket's dir is mounted at /run/juju-agent.
// Containers, their /var/lib/docker volumes and the network carry the label
// charm-sim.model=UUID, so whatever a model leaves is found by that label.
#pragma once
#include <filesystem>
#include <string>

namespace sim {

// Names on the daemon, from the model's uuid and the machine number.
std::string machine_container_name(const std::string& model_uuid, int machine_id);  // charm-sim-1a2b3c4d-0
std::string machine_volume_name(const std::string& model_uuid, int machine_id);     // charm-sim-1a2b3c4d-0-docker
std::string model_network_name(const std::string& model_uuid);                      // charm-sim-1a2b3c4d

// Inside a machine.
inline constexpr const char* kMachineJujuDir = "/var/lib/juju";
inline constexpr const char* kMachineToolsDir = "/var/lib/juju/tools";
inline constexpr const char* kMachineSocketDir = "/run/juju-agent";
inline constexpr const char* kMachineHookPids = "/run/charm-sim-hooks";

// The hook's process inside the machine: records its pid (its process group) for kill(),
// then becomes the hook. $1 is the pid file, the rest the hook's argv.
inline constexpr const char* kHookWrapperScript =
    "pidfile=$1; shift; rm -f \"${pidfile%.*}\".*; echo $$ >\"$pidfile\" && exec \"$@\"";
// Kills the process group recorded in pid file $1 (exit 3 when there is no such file yet).
inline constexpr const char* kHookKillScript =
    "pid=$(cat \"$1\" 2>/dev/null) || exit 3; "
    "pgid=$(sed 's/.*) //' /proc/$pid/stat 2>/dev/null | cut -d' ' -f3); "
    "[ -n \"$pgid\" ] && kill -KILL -\"$pgid\" 2>/dev/null; kill -KILL \"$pid\" 2>/dev/null; rm -f \"$1\"; exit 0";

}  // namespace sim
