// The docker client as container machines use it: argv only (never a shell), stdout and
// stderr kept apart, a timeout after which the client and what it started are killed.
#pragma once
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace sim {

struct DockerResult {
  int exit_code = -1;  // -1: the client could not be started (err says why)
  std::string out, err;
  bool timed_out = false;
  bool ok() const { return exit_code == 0 && !timed_out; }
};

class DockerCli {
 public:
  // host: the daemon ("unix:///tmp/d/docker.sock"); "" = what the client picks itself
  // (DOCKER_HOST, else the default socket).
  explicit DockerCli(std::string host = "");
  const std::string& host() const { return m_host; }
  // The daemon, for messages: the host, or $DOCKER_HOST, or "the default Docker socket".
  std::string describe() const;
  // docker [--host H] ARGS...
  std::vector<std::string> argv(const std::vector<std::string>& args) const;
  // This process's environment, for a docker client started elsewhere (hooks).
  std::map<std::string, std::string> client_environment() const;

  DockerResult run(const std::vector<std::string>& args,
                   std::chrono::milliseconds timeout = std::chrono::seconds(120)) const;
  // run(), but a failure throws std::runtime_error "WHAT: `docker ARGS` failed: STDERR"; the
  // trimmed stdout otherwise.
  std::string check(const std::vector<std::string>& args, const std::string& what,
                    std::chrono::milliseconds timeout = std::chrono::seconds(120)) const;

 private:
  std::string m_host;
};

// Text without its trailing newlines and spaces.
std::string trimmed(std::string text);

}  // namespace sim
