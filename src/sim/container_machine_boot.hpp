// One machine container (spec/machines.md): the `docker run` options that boot systemd
// without touching the host's cgroups, the wait until it has booted, its address on the
// model's network, and the network itself.
#pragma once
#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/docker_cli.hpp"

namespace sim {

struct MachineContainer {
  std::string name;     // container name and hostname
  std::string image;
  std::string network;  // the model's network
  std::string volume;   // named volume for /var/lib/docker (a nested dockerd's overlay2)
  std::map<std::string, std::string> labels;
  struct Bind {
    std::string host, target;
    bool read_only = false;
  };
  std::vector<Bind> binds;
};

// The arguments after `docker` that start the machine detached.
std::vector<std::string> machine_run_args(const MachineContainer& machine);

// Waits until systemd in the container says "running" or "degraded". Throws, naming the
// cause: the container exited (with its exit code and the end of its log), or it did not
// finish booting in time (with systemd's state and the log).
void wait_until_booted(const DockerCli& docker, const std::string& name, std::chrono::seconds timeout);

// "172.18.0.2": the container's address on network.
std::string machine_address(const DockerCli& docker, const std::string& name, const std::string& network);

// Creates the bridge network (MTU 1400, labelled) unless it exists.
void ensure_network(const DockerCli& docker, const std::string& network, const std::map<std::string, std::string>& labels);

// The end of a container's log, for error messages ("" when there is none).
std::string container_log_tail(const DockerCli& docker, const std::string& name, int lines = 20);

}  // namespace sim
