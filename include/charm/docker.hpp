// The docker CLI for charms (charms.docker's Docker): every call is one `docker` process started
// with an argv (never a shell), bound to one daemon; listings are read from
// `--format '{{json .}}'`. A failed command throws DockerError with its argv, exit code and
// stderr. Opt-in: include <charm/docker.hpp> (charm.hpp does not).
#pragma once
#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace charm::docker {

// what(): "<command> failed (exit N): <stderr>", with --env values shown as ***.
class DockerError : public std::runtime_error {
 public:
  DockerError(std::vector<std::string> argv, int exit_code, std::string stderr_text);
  const std::vector<std::string>& argv() const { return m_argv; }
  int exit_code() const { return m_exit_code; }  // 127: the program could not be started
  const std::string& stderr_text() const { return m_stderr; }

 private:
  std::vector<std::string> m_argv;
  int m_exit_code;
  std::string m_stderr;
};

// $DOCKER_HOST, else "" (the CLI's own default, unix:///var/run/docker.sock).
std::string host_from_environment();

struct ClientOptions {
  std::string binary = "docker";                // found on PATH unless it has a '/'
  std::string host = host_from_environment();   // `--host`; "" passes none
  std::filesystem::path config_dir;             // `--config` (credentials); "" = ~/.docker
};

struct RunOptions {
  std::string image;
  std::string name;                              // "" lets docker choose
  bool detach = true;                            // true: run() returns the container id
  bool remove = false;                           // --rm
  std::string network;                           // --network (e.g. "none", "host")
  std::string restart;                           // --restart policy ("always", "on-failure:3")
  std::vector<std::string> ports;                // --publish "8080:80"
  std::map<std::string, std::string> env;        // --env KEY=VALUE, passed verbatim
  std::vector<std::string> volumes;              // --volume "/host:/container:ro"
  std::map<std::string, std::string> labels;     // --label KEY=VALUE
  std::vector<std::string> extra_args;           // more `docker run` options, before the image
  std::vector<std::string> command;              // the command and its arguments, after the image
};

struct BuildOptions {
  std::string dockerfile;                        // --file, relative to the context; "" = Dockerfile
  std::string network;                           // --network for RUN steps
  std::map<std::string, std::string> build_args; // --build-arg KEY=VALUE
  bool no_cache = false;
  bool pull = false;
};

// One line of `docker ps`.
struct Container {
  std::string id;  // full, not truncated
  std::string image;
  std::string command;
  std::string created_at;
  std::string names;   // comma-separated, as docker prints them
  std::string state;   // "running", "exited", ...
  std::string status;  // "Up 2 minutes"
  std::string ports;
  std::string labels;  // "k=v,k2=v2"
};

// Standard output and standard error of `docker logs`, as the container wrote them.
struct Logs {
  std::string out;
  std::string err;
};

enum class Force { no, yes };
enum class RemoveVolumes { no, yes };
enum class AllContainers { no, yes };
enum class AllImages { no, yes };  // prune: every unused image, not only dangling ones

// Asks dockerd's API socket for `GET /_ping` directly: no process, so an idle hook can check
// the daemon cheaply. True when it answers "OK" within the timeout.
bool ping(const std::filesystem::path& socket = "/var/run/docker.sock",
          std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

class Docker {
 public:
  explicit Docker(ClientOptions options = {});
  const ClientOptions& options() const { return m_options; }

  // Runs a container; returns its id when detached, else what it printed on stdout.
  std::string run(const RunOptions& options) const;
  void pull(const std::string& image) const;
  // Loads a `docker save` archive; returns the images it named ("Loaded image: ...").
  std::vector<std::string> load(const std::filesystem::path& archive) const;
  void save(const std::vector<std::string>& images, const std::filesystem::path& archive) const;
  // Builds the context directory into an image tagged `tag`; returns the image id.
  std::string build(const std::filesystem::path& context_dir, const std::string& tag,
                    const BuildOptions& options = {}) const;

  std::vector<Container> ps(AllContainers all = AllContainers::no) const;
  // `docker inspect` of one container or image: its JSON object.
  nlohmann::json inspect(const std::string& name) const;
  Logs logs(const std::string& container) const;
  bool exists(const std::string& container) const;
  bool running(const std::string& container) const;
  // `docker wait`: blocks until the container stops; returns its exit code.
  int wait(const std::string& container) const;

  void stop(const std::string& container, std::optional<int> timeout_seconds = std::nullopt) const;
  void kill(const std::string& container, const std::string& signal = "KILL") const;
  void rm(const std::string& container, Force force = Force::no, RemoveVolumes volumes = RemoveVolumes::no) const;
  void rmi(const std::string& image, Force force = Force::no) const;
  // Removes stopped containers / unused images; returns docker's report.
  std::string prune_containers() const;
  std::string prune_images(AllImages all = AllImages::no) const;

  // The password goes through stdin (--password-stdin), never into an argv.
  void login(const std::string& registry, const std::string& user, const std::string& password) const;

  // `docker info`, parsed; throws DockerError when the daemon does not answer.
  nlohmann::json info() const;
  // True when the daemon answers (`docker info` succeeds).
  bool available() const;

 private:
  std::vector<std::string> command(std::initializer_list<std::string_view> args) const;
  std::string run_checked(const std::vector<std::string>& argv, std::string_view stdin_text = {}) const;

  ClientOptions m_options;
};

}  // namespace charm::docker
