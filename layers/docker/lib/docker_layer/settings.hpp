// What layer:docker writes for dockerd, from the charm's config and the charm's own settings
// (kept in the unit kv by charm::docker::DaemonOptions): /etc/docker/daemon.json, the
// DOCKER_OPTS line of /etc/default/docker, and the proxy environment (a systemd drop-in, or
// exports in /etc/default/docker for the init script).
#pragma once
#include <charm/docker_daemon_options.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace docker_layer {

// Config the operator must fix; the message says what and how. Nothing has been written.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Files {
  std::filesystem::path daemon_json{"/etc/docker/daemon.json"};
  std::filesystem::path defaults{"/etc/default/docker"};
  std::filesystem::path proxy_dropin{"/etc/systemd/system/docker.service.d/juju-proxy.conf"};
};
const Files& files();

struct Proxy {
  std::string http, https, no;
  // No proxy to use: no_proxy alone changes nothing (and Juju models always have one).
  bool empty() const { return http.empty() && https.empty(); }
};

// http_proxy / https_proxy / no_proxy from config; an empty option falls back to the model's
// setting (JUJU_CHARM_HTTP_PROXY ...). Throws ConfigError for a no_proxy dockerd cannot take.
Proxy proxy_from_config();

// Loads daemon-opts and docker-opts into `options`. Throws ConfigError naming the option, the
// problem and its place in the text.
void load_config(charm::docker::DaemonOptions& options);

// Writes every file dockerd reads (each atomically, and only when its content changes).
// Returns true when any changed. Throws ConfigError, writing nothing, when a setting is given
// both in daemon.json and as a flag.
bool render(const charm::docker::DaemonOptions& options, const Proxy& proxy, bool systemd);

}  // namespace docker_layer
