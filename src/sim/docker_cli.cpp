#include "sim/docker_cli.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace sim {

namespace {

// Reads what a pipe has; false at end of file.
bool drain(int fd, std::string& into) {
  char chunk[8192];
  ssize_t n = ::read(fd, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) return false;
  into.append(chunk, static_cast<size_t>(n));
  return true;
}

std::string joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    out += a.find_first_of(" \t'\"") == std::string::npos ? a : "'" + a + "'";
  }
  return out;
}

}  // namespace

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

DockerCli::DockerCli(std::string host) : m_host(std::move(host)) {}

std::string DockerCli::describe() const {
  if (!m_host.empty()) return m_host;
  if (const char* env = std::getenv("DOCKER_HOST"); env && *env) return env;
  return "the default Docker socket";
}

std::vector<std::string> DockerCli::argv(const std::vector<std::string>& args) const {
  std::vector<std::string> out{"docker"};
  if (!m_host.empty()) {
    out.push_back("--host");
    out.push_back(m_host);
  }
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

std::map<std::string, std::string> DockerCli::client_environment() const {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

DockerResult DockerCli::run(const std::vector<std::string>& args, std::chrono::milliseconds timeout) const {
  DockerResult result;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.err = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.err = std::string("pipe: ") + std::strerror(errno);
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  // Its own process group, so a timeout kills the client and anything it started.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<std::string> full = argv(args);
  std::vector<char*> c_argv;
  for (auto& a : full) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, "docker", &actions, &attr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    result.err = std::string("cannot run docker: ") + std::strerror(rc) +
                 (rc == ENOENT ? " (no docker client on PATH; install Debian's docker.io)" : "");
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(-pid, SIGKILL);
      result.timed_out = true;
      break;
    }
    pollfd fds[2];
    nfds_t n = 0;
    if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
    if (err_open) fds[n++] = {err_pipe[0], POLLIN, 0};
    int ready = ::poll(fds, n, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < n && ready > 0; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      if (fds[i].fd == out_pipe[0]) out_open = drain(out_pipe[0], result.out);
      else err_open = drain(err_pipe[0], result.err);
    }
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string DockerCli::check(const std::vector<std::string>& args, const std::string& what,
                             std::chrono::milliseconds timeout) const {
  DockerResult r = run(args, timeout);
  if (r.ok()) return trimmed(r.out);
  std::string why = r.timed_out ? "did not finish within " + std::to_string(timeout.count() / 1000) + "s"
                                : "failed (exit " + std::to_string(r.exit_code) + ")";
  std::string err = trimmed(r.err);
  throw std::runtime_error(what + ": `" + joined(argv(args)) + "` " + why + (err.empty() ? "" : ": " + err) +
                           (r.exit_code == -1 ? "" : " [Docker: " + describe() + "]"));
}

}  // namespace sim
