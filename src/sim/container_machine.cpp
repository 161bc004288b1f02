// The container machine's lifecycle (container_machine.hpp): provisioning boots or reuses the
// machine's container, the last unit to leave a machine removes it, and the last machine of
// the model removes the network and anything else labelled with the model.
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "sim/container_machine_boot.hpp"
#include "sim/container_machine_impl.hpp"
#include "sim/machine_image.hpp"

namespace sim {
namespace fs = std::filesystem;

std::string model_network_name(const std::string& uuid) { return "charm-sim-" + uuid.substr(0, 8); }
std::string machine_container_name(const std::string& uuid, int id) { return model_network_name(uuid) + "-" + std::to_string(id); }
std::string machine_volume_name(const std::string& uuid, int id) { return machine_container_name(uuid, id) + "-docker"; }

namespace {
bool all_digits(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }
}  // namespace

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

std::unique_ptr<Machine> make_container_machine(const MachineEnvironment& env, const std::string& model_uuid, bool quiet) {
  return std::make_unique<ContainerMachine>(env, model_uuid, quiet);
}

}  // namespace sim
