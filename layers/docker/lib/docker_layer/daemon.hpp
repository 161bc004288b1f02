// Running dockerd: applying new settings with a way back, probing it, and moving its bridge.
#pragma once
#include <charm/docker_daemon_options.hpp>

#include <optional>
#include <string>

#include "docker_layer/settings.hpp"

namespace docker_layer {

enum class Restart { when_changed, always };

struct Applied {
  bool restarted = false;
  // Set when dockerd did not come back with the new settings: why (from its journal). The
  // previous files were put back and dockerd restarted with them.
  std::optional<std::string> failure;
};

// Renders the settings (settings.hpp) and restarts dockerd when they changed (or always). If
// dockerd then fails to start, the previous files are restored, dockerd is started again with
// them, and the cause is returned in `failure`. Throws ConfigError, writing nothing, for
// settings that conflict.
Applied apply(const charm::docker::DaemonOptions& options, const Proxy& proxy, Restart restart = Restart::when_changed);

// dockerd answers on its socket (no process started).
bool answering();

// Waits up to `seconds` for dockerd to answer.
bool wait_until_answering(int seconds);

// Stops dockerd and deletes docker0, so that the next start creates it from the new bip/mtu.
void remove_bridge();

// docker0's IPv4 address with its prefix ("172.17.0.1/16"), "" when there is no docker0.
std::string bridge_address();

// The daemon's version (`docker version`), "" when it does not answer.
std::string server_version();

}  // namespace docker_layer
