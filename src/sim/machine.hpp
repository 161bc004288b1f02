// Where a unit's hooks run. The local machine runs them on this host, each unit in its own
// directory; a container machine (sim/container_machine.*) boots a systemd container per
// unit. The agent only talks to this interface.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sim {

struct ProcessSpec {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;  // the whole environment of the hook
  std::string cwd;                         // as seen on the machine
};

// A started hook process: its pid on this host (to wait for or kill) and its output pipes.
struct SpawnedProcess {
  pid_t pid = -1;
  int stdout_fd = -1, stderr_fd = -1;
};

class Machine {
 public:
  virtual ~Machine() = default;
  virtual std::string kind() const = 0;
  // Makes the unit's machine ready (directories; a booted container) and returns its address.
  // machine_id is the model's machine number ("0", "1", ...); subordinates share their
  // principal's machine and are not provisioned again.
  virtual std::string provision(const std::string& unit, int machine_id) = 0;
  // Copies a built charm into the unit's charm dir (first deploy and upgrades; files the
  // charm wrote itself, like its kv store, stay).
  virtual void install_charm(const std::string& unit, const std::filesystem::path& charm_source) = 0;
  // The unit's charm dir as the hook sees it (CHARM_DIR).
  virtual std::string charm_dir(const std::string& unit) const = 0;
  // The unit's charm dir as this host sees it (to inspect files in tests and scenarios).
  virtual std::filesystem::path host_charm_dir(const std::string& unit) const = 0;
  // The directory holding the hook-tool links and the agent socket, as the hook sees it.
  virtual std::string tools_dir(const std::string& unit) const = 0;
  virtual std::string agent_socket(const std::string& unit) const = 0;
  // Starts a hook process on the machine.
  virtual SpawnedProcess spawn(const std::string& unit, const ProcessSpec& spec) = 0;
  // Kills a started process (and what it started) after a timeout.
  virtual void kill(const std::string& unit, const SpawnedProcess& process) = 0;
  // Removes the unit's machine and everything in it.
  virtual void destroy(const std::string& unit) = 0;
  // A shell or command on the machine, for `charm-sim ssh`. Returns the exit code.
  virtual int exec_interactive(const std::string& unit, const std::vector<std::string>& command) = 0;
  // juju-reboot: restarts the unit's machine and returns once it is up again, with the
  // machine's address afterwards ("" = unchanged; a local machine cannot reboot this host).
  virtual std::string reboot(const std::string& /*unit*/) { return ""; }
};

// Paths shared by every kind of machine: model dir layout and the agent socket dir.
struct MachineEnvironment {
  std::filesystem::path model_dir;       // -m DIR
  std::filesystem::path runtime_dir;     // short private dir for sockets (sun_path is 108 bytes)
  std::filesystem::path tool_binary;     // charm-sim-tool on this host
};

std::unique_ptr<Machine> make_local_machine(const MachineEnvironment& env);
// One systemd container per machine on the Docker daemon of DOCKER_HOST (or the default
// socket), on a network of the model's own (sim/container_machine.hpp). quiet: no progress lines.
std::unique_ptr<Machine> make_container_machine(const MachineEnvironment& env, const std::string& model_uuid, bool quiet);

}  // namespace sim
