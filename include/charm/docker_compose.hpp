// docker-compose for one project directory (charms.docker's Compose): each call is one
// `docker-compose` process started with an argv, pointed at the project with
// --project-directory (so this process's working directory never matters) and at the daemon
// with --host (so DOCKER_HOST is never changed process-wide). Failures throw DockerError.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "charm/docker.hpp"

namespace charm::docker {

struct ComposeOptions {
  std::filesystem::path file;                   // relative to the project; "" = docker-compose.yml|yaml
  std::string binary = "docker-compose";        // Debian's docker-compose (v1)
  std::string host = host_from_environment();   // --host; "" passes none
  std::string project_name;                     // --project-name; "" = the directory's name
};

enum class Detach { no, yes };
enum class RemoveImages { none, local, all };   // down --rmi

class Compose {
 public:
  // Throws std::invalid_argument when the compose file is missing (the directory is not a project).
  explicit Compose(std::filesystem::path project_dir, ComposeOptions options = {});
  const std::filesystem::path& project_dir() const { return m_project_dir; }
  // The compose file in use.
  const std::filesystem::path& file() const { return m_file; }

  // Creates and starts the services (all when `services` is empty); returns compose's output.
  std::string up(const std::vector<std::string>& services = {}, Detach detach = Detach::yes) const;
  // Stops and removes the project's containers and networks.
  std::string down(RemoveImages images = RemoveImages::none, RemoveVolumes volumes = RemoveVolumes::no,
                   std::optional<int> timeout_seconds = std::nullopt) const;
  // Ids of the services' containers (`ps --quiet`).
  std::vector<std::string> ps(const std::vector<std::string>& services = {}) const;
  void stop(const std::vector<std::string>& services = {}, std::optional<int> timeout_seconds = std::nullopt) const;
  void kill(const std::vector<std::string>& services = {}, const std::string& signal = "SIGKILL") const;
  // Removes stopped service containers without asking (`rm --force`).
  void rm(const std::vector<std::string>& services = {}) const;

 private:
  std::vector<std::string> command(const std::string& subcommand) const;
  static void add_services(std::vector<std::string>& argv, const std::vector<std::string>& services);

  std::filesystem::path m_project_dir;
  std::filesystem::path m_file;
  ComposeOptions m_options;
};

}  // namespace charm::docker
