// The ContainerMachine class, shared by its two source files: container_machine.cpp (machine
// lifecycle) and container_machine_hooks.cpp (processes in a machine: hooks, ssh, reboot).
#pragma once
#include <sys/types.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "sim/container_machine.hpp"
#include "sim/docker_cli.hpp"
#include "sim/machine.hpp"
#include "sim/unit_files.hpp"

namespace sim {

inline constexpr const char* kModelLabel = "charm-sim.model";
inline constexpr std::chrono::seconds kBootTimeout{180};

// "app/3" -> "unit-app-3", the unit's dir under /var/lib/juju/agents.
inline std::string agent_dir_name(const std::string& unit) { return "unit-" + unit_dir_name(unit); }

// Copies charm-sim-tool into a machine's tools dir when it changed, and links every tool to it.
void refresh_tools(const std::filesystem::path& binary, const std::filesystem::path& dir);

// A model's machines on one Docker daemon; one object per charm-sim command.
class ContainerMachine : public Machine {
 public:
  ContainerMachine(MachineEnvironment env, std::string uuid, bool quiet)
      : m_env(std::move(env)), m_uuid(std::move(uuid)), m_quiet(quiet), m_docker(stored_docker_host()) {}
  std::string kind() const override { return "container"; }

  std::string provision(const std::string& unit, int machine_id) override;
  void install_charm(const std::string& unit, const std::filesystem::path& source) override { copy_charm_tree(source, host_charm_dir(unit)); }
  std::string charm_dir(const std::string& unit) const override {
    return std::string(kMachineJujuDir) + "/agents/" + agent_dir_name(unit) + "/charm";
  }
  std::filesystem::path host_charm_dir(const std::string& unit) const override {
    auto id = machine_of(unit);
    return machines_dir() / (id ? std::to_string(*id) : "none") / "agents" / agent_dir_name(unit) / "charm";
  }
  std::string tools_dir(const std::string&) const override { return kMachineToolsDir; }
  std::string agent_socket(const std::string&) const override { return std::string(kMachineSocketDir) + "/agent.sock"; }
  SpawnedProcess spawn(const std::string& unit, const ProcessSpec& spec) override;
  void kill(const std::string& unit, const SpawnedProcess& process) override;
  void destroy(const std::string& unit) override;
  int exec_interactive(const std::string& unit, const std::vector<std::string>& command) override;
  std::string reboot(const std::string& unit) override;

 private:
  std::filesystem::path machines_dir() const { return m_env.model_dir / "machines"; }
  std::filesystem::path machine_dir(int id) const { return machines_dir() / std::to_string(id); }
  std::string container(int id) const { return machine_container_name(m_uuid, id); }
  std::map<std::string, std::string> labels(std::optional<int> id = std::nullopt) const {
    std::map<std::string, std::string> out{{kModelLabel, m_uuid}, {"charm-sim.model-dir", m_env.model_dir.string()}};
    if (id) out["charm-sim.machine"] = std::to_string(*id);
    return out;
  }
  void say(const std::string& text) const {
    if (!m_quiet) std::fprintf(stderr, "  %s\n", text.c_str());
  }
  // The machine holding a unit: the one whose agents/ has the unit's dir.
  std::optional<int> machine_of(const std::string& unit) const;
  int machine_or_throw(const std::string& unit) const;
  std::string stored_docker_host() const;
  void remember_docker_host() const;
  void boot(int id);
  void ensure_running(int id);
  void remove_machine(int id);
  void remove_model_leftovers();

  MachineEnvironment m_env;
  std::string m_uuid;
  bool m_quiet;
  DockerCli m_docker;
  std::string m_image;                           // ensured once per command
  std::set<int> m_checked;                       // machines seen running by this command
  std::map<pid_t, std::pair<int, std::string>> m_hooks;  // docker client pid -> (machine, pid file inside)
  mutable std::map<std::string, int> m_unit_machines;
};

}  // namespace sim
