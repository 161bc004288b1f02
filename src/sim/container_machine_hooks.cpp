// Processes in a container machine: hooks through `docker exec` (and killing them inside on a
// timeout), `charm-sim ssh`, and juju-reboot.
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

#include "sim/container_machine_boot.hpp"
#include "sim/container_machine_impl.hpp"
#include "sim/spawn.hpp"
#include "sim/tools/tool.hpp"

namespace sim {
namespace fs = std::filesystem;

// A new inode by rename: a tool running meanwhile keeps its old binary.
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

}  // namespace sim
