// The container machine (container_machine.hpp): provisioning boots or reuses the machine's
// container, hooks run through `docker exec`, the last unit to leave a machine removes it, and
// the last machine of the model removes the network and anything else labelled with the model.
#include "sim/container_machine.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "sim/container_machine_boot.hpp"
#include "sim/machine.hpp"
#include "sim/machine_image.hpp"
#include "sim/spawn.hpp"
#include "sim/tools/tool.hpp"
#include "sim/unit_files.hpp"

namespace sim {
namespace fs = std::filesystem;

std::string model_network_name(const std::string& uuid) { return "charm-sim-" + uuid.substr(0, 8); }
std::string machine_container_name(const std::string& uuid, int id) { return model_network_name(uuid) + "-" + std::to_string(id); }
std::string machine_volume_name(const std::string& uuid, int id) { return machine_container_name(uuid, id) + "-docker"; }

namespace {

constexpr const char* kModelLabel = "charm-sim.model";
constexpr auto kBootTimeout = std::chrono::seconds(180);

std::string agent_dir_name(const std::string& unit) { return "unit-" + unit_dir_name(unit); }

bool all_digits(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

// Copies charm-sim-tool into the machine's tools dir when it changed (new inode by rename, so
// a tool running meanwhile keeps its old binary) and links every tool name to it.
void refresh_tools(const fs::path& binary, const fs::path& dir) {
  fs::create_directories(dir);
  const fs::path copy = dir / "charm-sim-tool";
  struct stat src {}, dst {};
  if (::stat(binary.c_str(), &src) != 0) throw std::runtime_error("hook-tool binary " + binary.string() + " not found");
  if (::stat(copy.c_str(), &dst) != 0 || src.st_size != dst.st_size || src.st_mtime != dst.st_mtime) {
    const fs::path temp = dir / ".charm-sim-tool.new";
    fs::copy_file(binary, temp, fs::copy_options::overwrite_existing);
    fs::permissions(temp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                              fs::perms::others_exec);
    fs::last_write_time(temp, fs::last_write_time(binary));
    fs::rename(temp, copy);
  }
  for (const auto& tool : tool_names()) {
    const fs::path link = dir / tool;
    std::error_code ec;
    if (fs::is_symlink(link, ec)) continue;
    fs::create_symlink("charm-sim-tool", link);
  }
}

class ContainerMachine : public Machine {
 public:
  ContainerMachine(MachineEnvironment env, std::string uuid, bool quiet)
      : m_env(std::move(env)), m_uuid(std::move(uuid)), m_quiet(quiet), m_docker(stored_docker_host()) {}
  std::string kind() const override { return "container"; }

  std::string provision(const std::string& unit, int machine_id) override;
  void install_charm(const std::string& unit, const fs::path& source) override { copy_charm_tree(source, host_charm_dir(unit)); }
  std::string charm_dir(const std::string& unit) const override {
    return std::string(kMachineJujuDir) + "/agents/" + agent_dir_name(unit) + "/charm";
  }
  fs::path host_charm_dir(const std::string& unit) const override {
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
  fs::path machines_dir() const { return m_env.model_dir / "machines"; }
  fs::path machine_dir(int id) const { return machines_dir() / std::to_string(id); }
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

std::optional<int> ContainerMachine::machine_of(const std::string& unit) const {
  if (auto it = m_unit_machines.find(unit); it != m_unit_machines.end()) return it->second;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(machines_dir(), ec)) {
    const std::string name = entry.path().filename().string();
    if (!all_digits(name) || !fs::is_directory(entry.path() / "agents" / agent_dir_name(unit), ec)) continue;
    m_unit_machines[unit] = std::stoi(name);
    return std::stoi(name);
  }
  return std::nullopt;
}

int ContainerMachine::machine_or_throw(const std::string& unit) const {
  auto id = machine_of(unit);
  if (!id) throw std::runtime_error("unit " + unit + " has no machine (its provisioning failed; remove the unit and add it again)");
  return *id;
}

// The daemon a model's machines live on is the one they were made on: later commands find
// them even when DOCKER_HOST is not set the same way.
std::string ContainerMachine::stored_docker_host() const {
  std::ifstream in(machines_dir() / "docker.json");
  if (in) {
    auto data = nlohmann::json::parse(in, nullptr, false);
    if (data.is_object()) return data.value("host", "");
  }
  const char* env = std::getenv("DOCKER_HOST");
  return env ? env : "";
}

void ContainerMachine::remember_docker_host() const {
  if (fs::exists(machines_dir() / "docker.json")) return;
  fs::create_directories(machines_dir());
  std::ofstream(machines_dir() / "docker.json") << nlohmann::json{{"host", m_docker.host()}}.dump() << '\n';
}

std::string ContainerMachine::provision(const std::string& unit, int id) {
  remember_docker_host();
  const fs::path dir = machine_dir(id);
  fs::create_directories(dir / "agents" / agent_dir_name(unit) / "charm");
  m_unit_machines[unit] = id;
  refresh_tools(m_env.tool_binary, dir / "tools");
  try {
    if (m_docker.run({"container", "inspect", "--format", "{{.Id}}", container(id)}).ok()) {
      ensure_running(id);  // a subordinate joins its principal's machine
    } else {
      boot(id);
    }
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir / "agents" / agent_dir_name(unit), ec);
    m_unit_machines.erase(unit);
    if (fs::is_empty(dir / "agents", ec)) remove_machine(id);
    throw;
  }
  return machine_address(m_docker, container(id), model_network_name(m_uuid));
}

void ContainerMachine::boot(int id) {
  if (m_image.empty()) m_image = ensure_machine_image(m_docker, [this](const std::string& line) { say(line); });
  ensure_network(m_docker, model_network_name(m_uuid), labels());
  MachineContainer spec;
  spec.name = container(id);
  spec.image = m_image;
  spec.network = model_network_name(m_uuid);
  spec.volume = machine_volume_name(m_uuid, id);
  spec.labels = labels(id);
  spec.binds.push_back({fs::absolute(machine_dir(id)).string(), kMachineJujuDir, false});
  spec.binds.push_back({m_env.runtime_dir.string(), kMachineSocketDir, false});
  const auto started = std::chrono::steady_clock::now();
  m_docker.check(machine_run_args(spec), "cannot start machine " + std::to_string(id));
  try {
    wait_until_booted(m_docker, spec.name, kBootTimeout);
  } catch (...) {
    m_docker.run({"rm", "--force", "--volumes", spec.name});
    m_docker.run({"volume", "rm", "--force", spec.volume});
    throw;
  }
  m_checked.insert(id);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char took[32];
  std::snprintf(took, sizeof took, "%.1fs", seconds);
  say("machine " + std::to_string(id) + " (" + spec.name + ") booted in " + took);
}

// A machine stopped by a reboot of the host or the daemon comes back up when it is needed.
void ContainerMachine::ensure_running(int id) {
  if (m_checked.count(id)) return;
  const std::string name = container(id);
  std::string status = m_docker.check({"container", "inspect", "--format", "{{.State.Status}}", name},
                                      "machine " + std::to_string(id) + " is gone from " + m_docker.describe() +
                                          " (was the model made with another DOCKER_HOST?)");
  if (status != "running") {
    say("starting machine " + std::to_string(id) + " (" + name + ", was " + status + ")");
    m_docker.check({"start", name}, "cannot start machine " + std::to_string(id));
    wait_until_booted(m_docker, name, kBootTimeout);
  }
  m_checked.insert(id);
}

SpawnedProcess ContainerMachine::spawn(const std::string& unit, const ProcessSpec& spec) {
  const int id = machine_or_throw(unit);
  ensure_running(id);
  refresh_tools(m_env.tool_binary, machine_dir(id) / "tools");
  static unsigned counter = 0;
  const std::string pid_file = std::string(kMachineHookPids) + "/" + unit_dir_name(unit) + "." +
                               std::to_string(::getpid()) + "-" + std::to_string(++counter);
  std::vector<std::string> args{"exec"};
  if (!spec.cwd.empty()) args.insert(args.end(), {"--workdir", spec.cwd});
  for (const auto& [key, value] : spec.env) args.insert(args.end(), {"--env", key + "=" + value});
  args.insert(args.end(), {container(id), "/bin/sh", "-c",
                           std::string("mkdir -p ") + kMachineHookPids + " && " + kHookWrapperScript, "charm-sim-hook",
                           pid_file});
  args.insert(args.end(), spec.argv.begin(), spec.argv.end());
  ProcessSpec client{m_docker.argv(args), m_docker.client_environment(), ""};
  SpawnedProcess process = spawn_process(client);
  m_hooks[process.pid] = {id, pid_file};
  return process;
}

// Killing the docker client would leave the hook running in the machine: kill the hook's
// process group inside first (its pid file may take a moment to appear), then the client.
void ContainerMachine::kill(const std::string&, const SpawnedProcess& process) {
  auto it = m_hooks.find(process.pid);
  if (it != m_hooks.end()) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (true) {
      DockerResult r = m_docker.run({"exec", container(it->second.first), "/bin/sh", "-c", kHookKillScript, "charm-sim-kill",
                                     it->second.second},
                                    std::chrono::seconds(30));
      if (r.exit_code != 3 || std::chrono::steady_clock::now() > give_up) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    m_hooks.erase(it);
  }
  kill_process_group(process.pid);
}

void ContainerMachine::destroy(const std::string& unit) {
  auto id = machine_of(unit);
  m_unit_machines.erase(unit);
  if (!id) return;
  std::error_code ec;
  fs::remove_all(machine_dir(*id) / "agents" / agent_dir_name(unit), ec);
  if (fs::is_empty(machine_dir(*id) / "agents", ec) || !fs::exists(machine_dir(*id) / "agents")) remove_machine(*id);
}

void ContainerMachine::remove_machine(int id) {
  m_docker.check({"rm", "--force", "--volumes", container(id)}, "cannot remove machine " + std::to_string(id), std::chrono::minutes(2));
  m_docker.run({"volume", "rm", "--force", machine_volume_name(m_uuid, id)});
  m_checked.erase(id);
  std::error_code ec;
  fs::remove_all(machine_dir(id), ec);
  say("removed machine " + std::to_string(id) + " (" + container(id) + ")");
  bool any_left = false;
  for (const auto& entry : fs::directory_iterator(machines_dir(), ec))
    if (all_digits(entry.path().filename().string())) any_left = true;
  if (!any_left) remove_model_leftovers();
}

// The model's last machine is gone: its network, and anything labelled with it that an
// interrupted command left behind.
void ContainerMachine::remove_model_leftovers() {
  const std::string filter = std::string("label=") + kModelLabel + "=" + m_uuid;
  auto listed = [&](const std::vector<std::string>& args) {
    std::vector<std::string> out;
    std::istringstream in(m_docker.run(args).out);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(line);
    return out;
  };
  for (const auto& c : listed({"ps", "--all", "--quiet", "--filter", filter})) m_docker.run({"rm", "--force", "--volumes", c});
  for (const auto& v : listed({"volume", "ls", "--quiet", "--filter", filter})) m_docker.run({"volume", "rm", "--force", v});
  for (const auto& n : listed({"network", "ls", "--quiet", "--filter", filter}))
    m_docker.check({"network", "rm", n}, "cannot remove the model's network " + n);
  std::error_code ec;
  fs::remove(machines_dir() / "docker.json", ec);
  fs::remove(machines_dir(), ec);
}

int ContainerMachine::exec_interactive(const std::string& unit, const std::vector<std::string>& command) {
  const int id = machine_or_throw(unit);
  ensure_running(id);
  std::vector<std::string> args{"exec", "--interactive"};
  if (::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) args.push_back("--tty");
  args.insert(args.end(), {"--workdir", charm_dir(unit), container(id)});
  if (command.empty()) args.insert(args.end(), {"/bin/bash", "--login"});
  args.insert(args.end(), command.begin(), command.end());
  ProcessSpec spec;
  spec.argv = m_docker.argv(args);
  return run_attached(spec);
}

// juju-reboot: systemd shuts down cleanly (the stop signal is SIGRTMIN+3), the container
// starts again with a fresh /run and a new boot, and the unit carries on once it is up.
std::string ContainerMachine::reboot(const std::string& unit) {
  const int id = machine_or_throw(unit);
  const std::string name = container(id);
  say("rebooting machine " + std::to_string(id) + " (" + name + ")");
  m_docker.check({"restart", "--time", "30", name}, "cannot reboot machine " + std::to_string(id), std::chrono::minutes(2));
  wait_until_booted(m_docker, name, kBootTimeout);
  m_checked.insert(id);
  return machine_address(m_docker, name, model_network_name(m_uuid));
}

}  // namespace

std::unique_ptr<Machine> make_container_machine(const MachineEnvironment& env, const std::string& model_uuid, bool quiet) {
  return std::make_unique<ContainerMachine>(env, model_uuid, quiet);
}

}  // namespace sim
