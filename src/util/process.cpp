#include "util/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace util {

namespace {

// The current environment with the requested changes applied, as "NAME=value" strings.
std::vector<std::string> changed_environment(const ProcessOptions& options) {
  std::vector<std::string> out;
  auto changed = [&](const std::string& entry) {
    for (const auto& [name, value] : options.env)
      if (entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 && entry[name.size()] == '=')
        return true;
    return false;
  };
  for (char** e = environ; e && *e; ++e)
    if (!changed(*e)) out.emplace_back(*e);
  for (const auto& [name, value] : options.env)
    if (value) out.push_back(name + "=" + *value);
  return out;
}

}  // namespace

std::optional<std::filesystem::path> find_on_path(const std::string& program) {
  const char* path_env = std::getenv("PATH");
  std::string path = path_env ? path_env : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::filesystem::path candidate = std::filesystem::path(path.substr(start, end - start)) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd) {
  return run_process(argv, cwd, ProcessOptions{});
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const ProcessOptions& options) {
  ProcessResult result;
  auto program = find_on_path(argv.at(0));
  if (!program) return result;

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return result;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  // With a timeout the child leads its own process group, so that whatever it started
  // (git's ssh or https helpers) is killed with it.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  if (options.timeout) {
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
  }

  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  std::vector<char*> env;
  if (!options.env.empty()) {
    env_strings = changed_environment(options);
    for (auto& entry : env_strings) env.push_back(entry.data());
    env.push_back(nullptr);
  }

  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, program->c_str(), &actions, &attributes, args.data(),
                         options.env.empty() ? environ : env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(pipe_fds[1]);
  if (rc != 0) {
    ::close(pipe_fds[0]);
    return result;
  }
  auto deadline = std::chrono::steady_clock::now() + options.timeout.value_or(std::chrono::milliseconds(0));
  char buffer[4096];
  while (true) {
    if (options.timeout) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        ::kill(-pid, SIGKILL);
        result.timed_out = true;
        break;
      }
      pollfd poll_fd{pipe_fds[0], POLLIN, 0};
      int ready = ::poll(&poll_fd, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) continue;  // the deadline check above ends the wait
    }
    ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace util
