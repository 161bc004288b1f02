// docker-nginx: run the web server image attached as the `image` resource once Docker is
// available; keep the container, the opened port and the website relation in step with config.
#include <charm/charm.hpp>
#include <charm/docker.hpp>

#include "http/provides.hpp"

namespace {

using charm::docker::Docker;
using charm::docker::DockerError;

constexpr const char* kContainer = "docker-nginx";
constexpr const char* kImageKey = "docker-nginx.image";  // kv: the image the resource holds
constexpr const char* kPortKey = "docker-nginx.port";    // kv: the port opened
constexpr const char* kRunningPorts = "docker-nginx.running-ports";  // kv: [port, container-port] of the container

int port() { return charm::config("port").get<int>(); }

charm::Handler load_image = charm::handler("docker-nginx:load-image")
    .when("docker.available")
    .when_not("docker-nginx.image.loaded")
    .run([] {
      charm::status::maintenance("Loading the image resource.");
      std::string path;
      try {
        path = charm::hookcmd::resource_get("image");
      } catch (const std::exception& e) {
        charm::status::blocked("Missing image resource: attach a `docker save` tarball (" + std::string(e.what()) + ")");
        return;
      }
      std::vector<std::string> images;
      try {
        images = Docker().load(path);
      } catch (const DockerError& e) {
        std::string reason = e.stderr_text();
        while (!reason.empty() && (reason.back() == '\n' || reason.back() == '\r')) reason.pop_back();
        charm::status::blocked("The image resource is not an image tarball: " + reason);
        return;
      }
      if (images.empty()) {
        charm::status::blocked("The image resource names no image: save it with `docker save NAME:TAG`");
        return;
      }
      charm::kv().set(kImageKey, images.front());
      charm::set_flag("docker-nginx.image.loaded");
      charm::clear_flag("docker-nginx.running");  // (re)create the container from this image
    });

// A new resource (attach-resource runs upgrade-charm): load it again.
charm::Handler reload = charm::handler("docker-nginx:reload")
    .when("charm.upgraded")
    .run([] { charm::clear_flag("docker-nginx.image.loaded"); });

nlohmann::json wanted_ports() { return {port(), charm::config("container-port").get<int>()}; }

// The container runs with the ports it was started with (kv); a config change recreates it.
// (Comparing, rather than keying on config.changed.*, which lasts the whole hook: the
// recreated container would be torn down again.)
charm::Handler restart_on_config = charm::handler("docker-nginx:config")
    .when("docker-nginx.running")
    .when_any({"config.changed.port", "config.changed.container-port"})
    .run([] {
      if (charm::kv().get(kRunningPorts) != std::optional<nlohmann::json>(wanted_ports()))
        charm::clear_flag("docker-nginx.running");
    });

charm::Handler run = charm::handler("docker-nginx:run")
    .when({"docker.available", "docker-nginx.image.loaded"})
    .when_not("docker-nginx.running")
    .run([] {
      const std::string image = charm::kv().get(kImageKey).value_or("").get<std::string>();
      charm::status::maintenance("Starting " + image + ".");
      Docker docker;
      if (docker.exists(kContainer)) docker.rm(kContainer, charm::docker::Force::yes);
      charm::docker::RunOptions options;
      options.image = image;
      options.name = kContainer;
      options.restart = "always";
      options.ports = {std::to_string(port()) + ":" + std::to_string(charm::config("container-port").get<int>())};
      docker.run(options);

      const auto opened = charm::kv().get(kPortKey);
      if (opened && opened->get<int>() != port()) charm::hookcmd::close_port(std::to_string(opened->get<int>()) + "/tcp");
      charm::hookcmd::open_port(std::to_string(port()) + "/tcp");
      charm::kv().set(kPortKey, port());
      charm::kv().set(kRunningPorts, wanted_ports());
      charm::set_flag("docker-nginx.running");
      charm::set_flag("docker-nginx.publish");
      charm::status::active("Serving on port " + std::to_string(port()));
    });

// The container's state, on every update-status.
charm::Handler report = charm::handler("docker-nginx:report")
    .hook("update-status")
    .run([] {
      if (!charm::is_flag_set("docker-nginx.running")) return;
      const nlohmann::json state = Docker().inspect(kContainer).value("State", nlohmann::json::object());
      if (state.value("Running", false)) {
        charm::status::active("Serving on port " + std::to_string(port()));
        return;
      }
      charm::status::blocked("Container " + std::string(kContainer) + " is " + state.value("Status", "gone") +
                             " (exit code " + std::to_string(state.value("ExitCode", -1)) + ")");
    });

charm::Handler publish = charm::handler("docker-nginx:publish")
    .when({"docker-nginx.running", "endpoint.website.joined"})
    .when_any({"docker-nginx.publish", "endpoint.website.changed"})
    .run([] {
      http_interface::publish(charm::endpoint("website"), port());
      charm::clear_flag("docker-nginx.publish");
      charm::clear_flag("endpoint.website.changed");
    });

}  // namespace
