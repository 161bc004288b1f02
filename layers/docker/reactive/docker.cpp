// layer:docker's life cycle: install Docker, apply the charm's settings, tell the layers above
// when the daemon is ready (docker.ready: installed and configured, for extensions such as an
// SDN) and available (docker.available: it answers; workloads may start).
#include <charm/charm.hpp>
#include <charm/docker_daemon_options.hpp>

#include "docker_layer/daemon.hpp"
#include "docker_layer/install.hpp"
#include "docker_layer/settings.hpp"

namespace {

using docker_layer::ConfigError;

constexpr const char* kAvailable = "Container runtime available.";
constexpr const char* kUnavailable = "Container runtime not available.";
constexpr const char* kInstalledRuntime = "docker.runtime";  // kv: "apt" or "upstream", as installed

// Blocks the unit with the operator's problem; docker.blocked makes the next successful
// configuration announce the runtime again (and the layers above re-run their handlers).
void block(const std::string& message) {
  charm::status::blocked(message);
  charm::set_flag("docker.blocked");
}

// Applies the settings; false (unit blocked, nothing half-written) when they cannot be.
bool configure(docker_layer::Restart restart) {
  charm::docker::DaemonOptions options(charm::kv());
  docker_layer::Applied applied;
  try {
    docker_layer::load_config(options);
    applied = docker_layer::apply(options, docker_layer::proxy_from_config(), restart);
  } catch (const ConfigError& e) {
    block(e.what());
    return false;
  }
  if (applied.failure) {
    block("dockerd refused the new settings, kept the previous ones: " + *applied.failure);
    return false;
  }
  if (charm::is_flag_set("docker.blocked") || applied.restarted) {
    charm::clear_flag("docker.blocked");
    charm::clear_flag("docker.available");  // probed again below, and the layers above react
  }
  return true;
}

charm::Handler install = charm::handler("docker:install")
    .when_not("docker.ready")
    .run([] {
      if (charm::layer_option("docker", "skip-install") == true) {
        charm::set_flag("docker.ready");
        charm::set_flag("docker.available");
        return;
      }
      if (!charm::is_flag_set("docker.installed")) {
        docker_layer::Source source;
        try {
          source = docker_layer::source_from_config();
        } catch (const ConfigError& e) {
          block(e.what());
          return;
        }
        docker_layer::install(source);
        charm::kv().set(kInstalledRuntime, source.runtime);
        charm::set_flag("docker.installed");
      }
      if (!configure(docker_layer::Restart::when_changed)) return;
      // The package starts dockerd itself; make sure it runs when our settings were already there.
      if (!docker_layer::answering()) {
        charm::host::service_start("docker");
        docker_layer::wait_until_answering(30);
      }
      for (const char* user : {"ubuntu"})  // the default login of Ubuntu machines, where there is one
        if (charm::host::user_exists(user)) charm::host::add_user_to_group(user, "docker");
      charm::set_flag("docker.ready");
    });

charm::Handler probe = charm::handler("docker:probe")
    .when("docker.ready")
    .when_not({"docker.available", "docker.blocked"})
    .run([] {
      if (!docker_layer::wait_until_answering(10)) {
        charm::status::waiting(kUnavailable);
        return;
      }
      charm::hookcmd::application_version_set(docker_layer::server_version());
      charm::status::active(kAvailable);
      charm::set_flag("docker.available");
    });

// Every hook (update-status included) checks dockerd still answers: one request on its
// socket, no process.
charm::Handler watch = charm::handler("docker:watch")
    .when("docker.available")
    .run([] {
      if (charm::layer_option("docker", "skip-install") == true || docker_layer::answering()) return;
      charm::clear_flag("docker.available");
      charm::status::waiting(kUnavailable);
    });

charm::Handler reconfigure = charm::handler("docker:reconfigure")
    .when("docker.ready")
    .when_any({"config.changed.daemon-opts", "config.changed.docker-opts", "config.changed.http_proxy",
               "config.changed.https_proxy", "config.changed.no_proxy"})
    .run([] {
      if (charm::layer_option("docker", "skip-install") == true) return;
      configure(docker_layer::Restart::when_changed);
    });

// The source is chosen at install; switching would mean purging the running Docker.
charm::Handler runtime_changed = charm::handler("docker:runtime-changed")
    .when({"docker.installed", "config.changed.docker_runtime"})
    .run([] {
      const std::string installed = charm::kv().get(kInstalledRuntime).value_or("apt").get<std::string>();
      std::string wanted = charm::config("docker_runtime").get<std::string>();
      if (wanted == "auto") wanted = "apt";
      if (wanted != installed)
        block("docker_runtime is chosen at install (this unit has \"" + installed +
              "\"); set it back, or deploy a new unit to switch");
      else if (charm::is_flag_set("docker.blocked"))
        configure(docker_layer::Restart::when_changed);
    });

// docker.restart: another layer changed the daemon's options and asks for a restart.
charm::Handler restart = charm::handler("docker:restart")
    .when({"docker.ready", "docker.restart"})
    .run([] {
      charm::clear_flag("docker.restart");
      configure(docker_layer::Restart::always);
    });

}  // namespace
