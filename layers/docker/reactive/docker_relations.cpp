// layer:docker's relations: the daemon's socket for container-scoped subordinates (dockerhost),
// and the bridge address and MTU an SDN subordinate asks for (sdn-plugin).
#include <charm/charm.hpp>
#include <charm/docker_daemon_options.hpp>

#include "dockerhost/provides.hpp"
#include "docker_layer/daemon.hpp"
#include "docker_layer/settings.hpp"
#include "sdn-plugin/provides.hpp"

namespace {

constexpr const char* kDockerUrl = "unix:///var/run/docker.sock";
constexpr const char* kAppliedSdn = "docker.sdn.applied";  // kv: the {bip, mtu} dockerd runs with
// kv: docker0's address before any SDN moved it. dockerd keeps the bridge it last had in its
// network store and takes that address again when bip is merely dropped, so going back means
// setting this address explicitly.
constexpr const char* kDefaultBridge = "docker.bridge.default";

void clear_changed(const std::string& endpoint_name) {
  const std::string prefix = "endpoint." + endpoint_name + ".changed";
  for (const std::string& flag : charm::flags().list())
    if (flag == prefix || flag.rfind(prefix + ".", 0) == 0) charm::clear_flag(flag);
}

// The charm's settings with the operator's config; false when the config is invalid (the
// unit is blocked for it already, by docker:reconfigure).
bool load(charm::docker::DaemonOptions& options) {
  try {
    docker_layer::load_config(options);
    return true;
  } catch (const docker_layer::ConfigError& e) {
    charm::log(std::string("not changing the bridge while the config is invalid: ") + e.what(),
               charm::hookcmd::LogLevel::warning);
    return false;
  }
}

// Moves the bridge: new bip/mtu in the charm's settings, docker0 deleted, dockerd restarted so
// it makes docker0 again from them. A daemon that will not start fails the hook, so nothing of
// this hook is kept and `resolved` retries it.
void rebuild_bridge(const charm::docker::DaemonOptions& options) {
  docker_layer::remove_bridge();
  const auto applied = docker_layer::apply(options, docker_layer::proxy_from_config(), docker_layer::Restart::always);
  if (applied.failure)
    throw std::runtime_error("dockerd did not start with the SDN's bridge settings: " + *applied.failure);
}

charm::Handler publish_socket = charm::handler("docker:dockerhost")
    .when({"docker.ready", "endpoint.dockerhost.changed"})
    .run([] {
      dockerhost::publish_url(charm::endpoint("dockerhost"), kDockerUrl);
      clear_changed("dockerhost");
    });

charm::Handler apply_sdn = charm::handler("docker:sdn")
    .when({"docker.available", "endpoint.sdn-plugin.available"})
    .run([] {
      const auto settings = sdn_plugin::received(charm::endpoint("sdn-plugin"));
      if (!settings) return;
      const nlohmann::json wanted{{"bip", settings->subnet}, {"mtu", settings->mtu}};
      const auto applied = charm::kv().get(kAppliedSdn);
      if (applied && *applied == wanted && charm::is_flag_set("docker.sdn.configured")) return;

      int mtu = 0;
      try {
        mtu = std::stoi(settings->mtu);
      } catch (const std::exception&) {
        charm::status::blocked("The SDN sent an MTU that is not a number: \"" + settings->mtu + "\"");
        return;
      }
      charm::status::maintenance("Configuring container runtime with SDN.");
      charm::docker::DaemonOptions options(charm::kv());
      if (!load(options)) return;
      if (!charm::kv().get(kDefaultBridge)) charm::kv().set(kDefaultBridge, docker_layer::bridge_address());
      if (!options.set("bip", settings->subnet) || !options.set("mtu", mtu))
        charm::log("daemon-opts sets bip or mtu itself; the operator's value wins over the SDN's",
                   charm::hookcmd::LogLevel::warning);
      rebuild_bridge(options);
      charm::kv().set(kAppliedSdn, wanted);
      charm::set_flag("docker.sdn.configured");
      charm::status::active("Container runtime available.");
    });

charm::Handler scrub_sdn = charm::handler("docker:sdn-gone")
    .when("docker.sdn.configured")
    .when_not("endpoint.sdn-plugin.available")
    .run([] {
      charm::status::maintenance("Configuring container runtime without SDN.");
      charm::docker::DaemonOptions options(charm::kv());
      if (!load(options)) return;
      const auto original = charm::kv().get(kDefaultBridge);
      if (original && original->is_string() && !original->get<std::string>().empty())
        options.set("bip", *original);
      else
        options.unset("bip");
      options.unset("mtu");
      rebuild_bridge(options);
      charm::kv().unset(kAppliedSdn);
      charm::clear_flag("docker.sdn.configured");
      charm::status::active("Container runtime available.");
    });

}  // namespace
