#include "sim/container_machine_boot.hpp"

#include <stdexcept>
#include <thread>

namespace sim {

namespace {

// The docker bridge's default MTU is 1500; these VMs' links are 1400, and a bigger MTU than
// the path's stalls transfers (apt) instead of failing.
constexpr const char* kNetworkMtu = "1400";

// PID 1 of the machine: make the container's own cgroup hierarchies writable (they are
// read-only bind mounts of its private cgroup namespace), then become systemd.
constexpr const char* kInitScript =
    "mount -o remount,rw /sys/fs/cgroup; for m in /sys/fs/cgroup/*; do mount -o remount,bind,rw $m; done; exec /sbin/init";

std::string indented(const std::string& text) {
  std::string out = "  ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "  ";
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

}  // namespace

std::vector<std::string> machine_run_args(const MachineContainer& m) {
  std::vector<std::string> args{"run", "--detach", "--name", m.name, "--hostname", m.name, "--network", m.network};
  for (const auto& [key, value] : m.labels) {
    args.push_back("--label");
    args.push_back(key + "=" + value);
  }
  // machines.md: --privileged fails on these VMs (no CAP_SYS_RESOURCE); the host's cgroup
  // tree must never be mounted in (systemd would change its mounts): a private cgroupns.
  for (const char* option : {"--cap-add=ALL", "--cap-drop=SYS_RESOURCE", "--security-opt=seccomp=unconfined",
                             "--security-opt=apparmor=unconfined", "--security-opt=systempaths=unconfined",
                             "--device-cgroup-rule=a *:* rwm", "--cgroupns=private", "--tmpfs=/run", "--tmpfs=/run/lock",
                             "--stop-signal=SIGRTMIN+3"})
    args.push_back(option);
  // A named, labelled volume rather than an anonymous one: cleanup finds it by its label.
  std::string volume = "type=volume,source=" + m.volume + ",target=/var/lib/docker";
  for (const auto& [key, value] : m.labels) volume += ",volume-label=" + key + "=" + value;
  args.push_back("--mount");
  args.push_back(volume);
  for (const auto& bind : m.binds) {
    args.push_back("--mount");
    args.push_back("type=bind,source=" + bind.host + ",target=" + bind.target + (bind.read_only ? ",readonly" : ""));
  }
  args.insert(args.end(), {"--entrypoint", "/bin/sh", m.image, "-c", kInitScript});
  return args;
}

std::string container_log_tail(const DockerCli& docker, const std::string& name, int lines) {
  DockerResult r = docker.run({"logs", "--tail", std::to_string(lines), name}, std::chrono::seconds(30));
  return trimmed(r.out + r.err);
}

void wait_until_booted(const DockerCli& docker, const std::string& name, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string state;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    // --wait blocks until boot has finished; before systemd is PID 1 it fails at once.
    DockerResult r = docker.run({"exec", name, "systemctl", "is-system-running", "--wait"},
                                std::max(left, std::chrono::milliseconds(1000)));
    state = trimmed(r.out);
    if (state == "running" || state == "degraded") return;
    if ((r.out + r.err).find("executable file not found") != std::string::npos)  // clients differ in where they say it
      throw std::runtime_error("machine " + name + " did not boot: its image has no systemctl (machines need a systemd image; " +
                               "unset CHARM_SIM_MACHINE_IMAGE to use charm-sim's own)");
    DockerResult inspect = docker.run({"container", "inspect", "--format", "{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}", name});
    if (!inspect.ok())
      throw std::runtime_error("machine " + name + " vanished while booting: " + trimmed(inspect.err));
    const std::string status = trimmed(inspect.out);
    if (status.rfind("running", 0) != 0) {
      std::string log = container_log_tail(docker, name);
      throw std::runtime_error("machine " + name + " did not boot: its container stopped (" + status +
                               ") before systemd was up" + (log.empty() ? "" : "; the end of its log:\n" + indented(log)));
    }
    if (state == "maintenance" || state == "stopping") break;  // systemd gave up (emergency mode) or is going down
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  std::string log = container_log_tail(docker, name);
  throw std::runtime_error("machine " + name + " did not finish booting within " + std::to_string(timeout.count()) +
                           "s (systemctl is-system-running: " + (state.empty() ? "no answer" : state) +
                           "; see `docker exec " + name + " systemctl --failed`)" +
                           (log.empty() ? "" : "; the end of its log:\n" + indented(log)));
}

std::string machine_address(const DockerCli& docker, const std::string& name, const std::string& network) {
  std::string address = docker.check(
      {"container", "inspect", "--format", "{{with index .NetworkSettings.Networks \"" + network + "\"}}{{.IPAddress}}{{end}}", name},
      "cannot read the address of machine " + name);
  if (address.empty()) throw std::runtime_error("machine " + name + " has no address on network " + network);
  return address;
}

void ensure_network(const DockerCli& docker, const std::string& network, const std::map<std::string, std::string>& labels) {
  if (docker.run({"network", "inspect", "--format", "{{.Id}}", network}).ok()) return;
  std::vector<std::string> args{"network", "create", "--driver", "bridge", "--opt",
                                std::string("com.docker.network.driver.mtu=") + kNetworkMtu};
  for (const auto& [key, value] : labels) {
    args.push_back("--label");
    args.push_back(key + "=" + value);
  }
  args.push_back(network);
  docker.check(args, "cannot create the model's network " + network);
}

}  // namespace sim
