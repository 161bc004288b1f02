// Spawning a shell handler and the poll loop that answers it (shell_runner.hpp).
#include "runtime/shell_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "runtime/reactive_client.hpp"
#include "runtime/socket_io.hpp"

extern char** environ;

namespace charm::detail {
namespace {

namespace fs = std::filesystem;

constexpr size_t k_max_request = 64u << 20;
constexpr int k_request_timeout_seconds = 60;

std::runtime_error sys_error(const std::string& what, int err = errno) {
  return std::runtime_error(what + ": " + std::strerror(err));
}

// The private directory holding the socket and the charm-reactive link; removed on exit.
class PrivateDir {
 public:
  PrivateDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string base = tmp && *tmp ? tmp : "/tmp";
    std::string tmpl = base + "/charm-reactive.XXXXXX";
    if (!::mkdtemp(tmpl.data())) throw sys_error("cannot create a directory in " + base);
    m_path = tmpl;
  }
  ~PrivateDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

class Fd {
 public:
  explicit Fd(int fd = -1) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

int listen_on(const fs::path& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.string().size() >= sizeof addr.sun_path)
    throw std::runtime_error("socket path too long (set TMPDIR to a shorter directory): " + path.string());
  std::strcpy(addr.sun_path, path.c_str());
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) throw sys_error("socket");
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0) {
    int err = errno;
    ::close(fd);
    throw sys_error("cannot listen on " + path.string(), err);
  }
  return fd;
}

std::vector<std::string> child_environment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    if (!overrides.count(name)) env.push_back(std::move(entry));
  }
  for (const auto& [name, value] : overrides) env.push_back(name + "=" + value);
  return env;
}

pid_t spawn(const ShellRun& run, const std::vector<std::string>& env) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  // A handler reads nothing from the agent; it must not consume the hook's stdin either.
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addchdir_np(&actions, run.cwd.c_str());
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> argv{const_cast<char*>(run.script.c_str()), nullptr};
  std::vector<char*> envp;
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, run.script.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc == ENOEXEC)
    throw std::runtime_error("'" + run.script.string() + "' is marked as executable but execution failed");
  if (rc != 0) throw sys_error("cannot run " + run.script.string(), rc);
  return pid;
}

// Answers every connection waiting on the listening socket, one request each.
void serve_pending(int listen_fd, const RequestServer& serve, std::optional<std::string>& first_error) {
  for (;;) {
    Fd conn(::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC));
    if (conn.get() < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // EAGAIN: nothing more waiting
    }
    // A client that never finishes its request must not hang the hook.
    timeval timeout{k_request_timeout_seconds, 0};
    ::setsockopt(conn.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(conn.get(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    std::string request;
    ClientReply reply;
    std::optional<std::vector<std::string>> args;
    if (!read_to_eof(conn.get(), request, k_max_request) || !(args = decode_fields(request))) {
      reply = {2, "", "charm-reactive: malformed request\n"};
    } else {
      try {
        reply = serve(*args);
      } catch (const std::exception& e) {
        std::string cmd = args->empty() ? "" : (*args)[0];
        if (!first_error) first_error = "charm-reactive " + cmd + " failed: " + e.what();
        reply = {1, "", "charm-reactive: " + cmd + ": " + e.what() + "\n"};
      }
    }
    write_all(conn.get(), encode_fields({std::to_string(reply.exit_code), reply.out, reply.err}));
  }
}

int wait_for(pid_t pid, int flags) {
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, flags);
    if (r == pid) return status;
    if (r == 0) return -1;  // WNOHANG: still running
    if (errno != EINTR) throw sys_error("waitpid");
  }
}

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return int(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

}  // namespace

void run_shell_handler(const ShellRun& run, const RequestServer& serve) {
  PrivateDir dir;
  fs::path socket_path = dir.path() / "socket";
  Fd listener(listen_on(socket_path));

  fs::path client = run.client_binary.empty() ? fs::read_symlink("/proc/self/exe") : run.client_binary;
  fs::create_symlink(client, dir.path() / "charm-reactive");

  std::map<std::string, std::string> overrides = run.env_overrides;
  overrides[k_runtime_socket_env] = socket_path.string();
  const char* path = std::getenv("PATH");
  overrides["PATH"] = dir.path().string() + ":" + (path ? path : "/usr/bin:/bin");

  pid_t pid = spawn(run, child_environment(overrides));
  // pidfd (Linux 5.3+) wakes poll() when the child exits; without it, poll with a short timeout.
  Fd pidfd(open_pidfd(pid));
  std::optional<std::string> first_error;
  int status = -1;
  while (status == -1) {
    pollfd fds[2] = {{listener.get(), POLLIN, 0}, {pidfd.get(), POLLIN, 0}};
    int n = ::poll(fds, pidfd.get() >= 0 ? 2 : 1, pidfd.get() >= 0 ? -1 : 20);
    if (n < 0 && errno != EINTR) {
      int err = errno;
      ::kill(pid, SIGKILL);
      wait_for(pid, 0);
      throw sys_error("poll", err);
    }
    if (n > 0 && (fds[0].revents & POLLIN)) serve_pending(listener.get(), serve, first_error);
    if (pidfd.get() < 0 || (n > 0 && fds[1].revents)) status = wait_for(pid, pidfd.get() >= 0 ? 0 : WNOHANG);
  }
  serve_pending(listener.get(), serve, first_error);  // requests sent just before the exit

  std::string name = run.script.string();
  if (WIFSIGNALED(status)) throw std::runtime_error(name + " was killed by signal " + std::to_string(WTERMSIG(status)));
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    throw std::runtime_error(name + " exited with status " + std::to_string(WEXITSTATUS(status)));
  if (first_error) throw std::runtime_error(*first_error);
}

}  // namespace charm::detail
