// layer:docker's actions: clean-containers, clean-images, upgrade-docker. Results go out with
// action-set; a failure fails the action with the command's own error.
#include <charm/charm.hpp>
#include <charm/docker.hpp>

#include <functional>

#include "docker_layer/daemon.hpp"
#include "docker_layer/settings.hpp"

namespace {

using charm::docker::Docker;

// Runs an action body; any error fails the action (not the hook: the unit stays healthy).
void as_action(const std::function<void()>& body) {
  try {
    body();
  } catch (const std::exception& e) {
    charm::hookcmd::action_fail(e.what());
  }
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  return text;
}

charm::Handler clean_containers = charm::handler("docker:clean-containers")
    .hook("clean-containers")
    .run([] {
      as_action([] {
        Docker docker;
        std::vector<std::string> removed, kept;
        for (const auto& container : docker.ps(charm::docker::AllContainers::yes)) {
          if (container.state == "running") {
            kept.push_back(container.names);
            continue;
          }
          docker.rm(container.id, charm::docker::Force::no, charm::docker::RemoveVolumes::yes);
          removed.push_back(container.names);
        }
        charm::hookcmd::action_set({{"removed", joined(removed)},
                                    {"removed-count", std::to_string(removed.size())},
                                    {"running", joined(kept)}});
      });
    });

charm::Handler clean_images = charm::handler("docker:clean-images")
    .hook("clean-images")
    .run([] {
      as_action([] {
        const nlohmann::json params = charm::hookcmd::action_get();
        const bool untagged = params.value("untagged", true);
        Docker docker;
        const std::string output =
            docker.prune_images(untagged ? charm::docker::AllImages::no : charm::docker::AllImages::yes);
        charm::hookcmd::action_set({{"output", output}});
      });
    });

charm::Handler upgrade = charm::handler("docker:upgrade-docker")
    .hook("upgrade-docker")
    .run([] {
      as_action([] {
        charm::status::maintenance("Upgrading docker.io.");
        charm::host::apt_update();
        charm::host::apt_install({"docker.io"});
        docker_layer::wait_until_answering(30);
        const std::string version = charm::host::run({"dpkg-query", "--show", "--showformat=${Version}", "docker.io"});
        charm::hookcmd::application_version_set(docker_layer::server_version());
        charm::hookcmd::action_set({{"runtime", "docker.io " + version}});
        charm::status::active("Container runtime available.");
      });
    });

}  // namespace
