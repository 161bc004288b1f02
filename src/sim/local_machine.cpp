// The local machine: hooks run on this host, each unit in MODEL/units/<app>-<n>/ with its
// own charm copy. Addresses are distinct loopback addresses (127.0.1.N), so relation data
// carries addresses that really reach this host.
#include <filesystem>
#include <stdexcept>

#include "sim/machine.hpp"
#include "sim/spawn.hpp"
#include "sim/unit_files.hpp"

namespace sim {
namespace fs = std::filesystem;

namespace {

class LocalMachine : public Machine {
 public:
  explicit LocalMachine(MachineEnvironment env) : m_env(std::move(env)) {}
  std::string kind() const override { return "local"; }

  std::string provision(const std::string& unit, int machine_id) override {
    fs::create_directories(unit_dir(unit) / "charm");
    link_tools(m_env.tool_binary, tools_path(unit));
    return loopback_address(machine_id);
  }
  void install_charm(const std::string& unit, const fs::path& source) override {
    copy_charm_tree(source, unit_dir(unit) / "charm");
  }
  std::string charm_dir(const std::string& unit) const override { return (unit_dir(unit) / "charm").string(); }
  fs::path host_charm_dir(const std::string& unit) const override { return unit_dir(unit) / "charm"; }
  std::string tools_dir(const std::string& unit) const override { return tools_path(unit).string(); }
  std::string agent_socket(const std::string&) const override { return (m_env.runtime_dir / "agent.sock").string(); }
  SpawnedProcess spawn(const std::string&, const ProcessSpec& spec) override { return spawn_process(spec); }
  void kill(const std::string&, const SpawnedProcess& p) override { kill_process_group(p.pid); }
  void destroy(const std::string& unit) override {
    std::error_code ec;
    fs::remove_all(unit_dir(unit), ec);
  }
  int exec_interactive(const std::string& unit, const std::vector<std::string>& command) override;

 private:
  fs::path unit_dir(const std::string& unit) const { return m_env.model_dir / "units" / unit_dir_name(unit); }
  fs::path tools_path(const std::string& unit) const { return unit_dir(unit) / "tools"; }
  MachineEnvironment m_env;
};

int LocalMachine::exec_interactive(const std::string& unit, const std::vector<std::string>& command) {
  ProcessSpec spec;
  spec.argv = command.empty() ? std::vector<std::string>{"/bin/bash"} : command;
  spec.cwd = charm_dir(unit);
  return run_attached(spec);
}

}  // namespace

std::unique_ptr<Machine> make_local_machine(const MachineEnvironment& env) { return std::make_unique<LocalMachine>(env); }

}  // namespace sim
