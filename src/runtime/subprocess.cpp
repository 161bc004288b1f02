// posix_spawnp with three pipes, drained by one poll() loop so that neither a large stdin nor
// a chatty stderr can deadlock parent and child.
#include "runtime/subprocess.hpp"

#include <atomic>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

extern char** environ;

namespace charm {
namespace {

struct Fd {
  int fd = -1;
  Fd() = default;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

struct Pipe {
  Fd read, write;
  Pipe() {
    int fds[2];
    // O_CLOEXEC: the child keeps only what the file actions dup2 onto 0, 1 and 2.
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
    read.fd = fds[0];
    write.fd = fds[1];
  }
};

struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
};

// Reads what is available; returns false at end of file.
bool drain(Fd& fd, std::string& sink) {
  char buf[65536];
  ssize_t n = ::read(fd.fd, buf, sizeof buf);
  if (n > 0) {
    sink.append(buf, static_cast<size_t>(n));
    return true;
  }
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  fd.reset();
  return false;
}

}  // namespace

namespace {
std::atomic<size_t> g_spawned{0};

// Starts argv with stdin_fd (-1: /dev/null), out_fd and err_fd as its 0, 1 and 2. Returns the
// pid, or -1 with `result` saying why (exit code 127, as a shell reports it).
pid_t spawn(const std::vector<std::string>& argv, int stdin_fd, int out_fd, int err_fd, ProcessResult& result) {
  SpawnSetup setup;
  if (stdin_fd < 0)
    posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
  else
    posix_spawn_file_actions_adddup2(&setup.actions, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&setup.actions, err_fd, 2);
  // A parent that ignores SIGPIPE must not pass that on to the tool.
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&setup.attr, &defaults);
  posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, cargv[0], &setup.actions, &setup.attr, cargv.data(), environ);
  if (rc != 0) {
    result.exit_code = 127;
    result.err = "cannot run " + argv[0] + ": " + std::strerror(rc);
    return -1;
  }
  ++g_spawned;
  result.started = true;
  return pid;
}

// The exit code of pid as a shell reports it (128 + N when killed by signal N).
int wait_exit_code(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 0;
}

}  // namespace

size_t processes_spawned() { return g_spawned.load(); }

ProcessResult run_process(const std::vector<std::string>& argv, std::string_view stdin_text) {
  ProcessResult result;
  if (argv.empty()) throw std::invalid_argument("run_process: empty argv");
  Pipe out, err;
  std::optional<Pipe> in;
  if (!stdin_text.empty()) in.emplace();
  pid_t pid = spawn(argv, in ? in->read.fd : -1, out.write.fd, err.write.fd, result);
  if (pid < 0) return result;
  out.write.reset();
  err.write.reset();
  Fd no_stdin;
  Fd& in_write = in ? in->write : no_stdin;
  if (in) {
    in->read.reset();
    ::fcntl(in_write.fd, F_SETFL, ::fcntl(in_write.fd, F_GETFL) | O_NONBLOCK);
  }

  // A tool that exits without reading its stdin must give EPIPE here, not kill this process.
  sigset_t pipe_set, old_mask;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_mask);
  bool got_epipe = false;
  size_t written = 0;
  while (out.read.fd >= 0 || err.read.fd >= 0 || in_write.fd >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    if (out.read.fd >= 0) fds[n++] = {out.read.fd, POLLIN, 0};
    if (err.read.fd >= 0) fds[n++] = {err.read.fd, POLLIN, 0};
    if (in_write.fd >= 0) fds[n++] = {in_write.fd, POLLOUT, 0};
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t k = 0; k < n; ++k) {
      if (fds[k].revents == 0) continue;
      if (fds[k].fd == out.read.fd) {
        drain(out.read, result.out);
      } else if (fds[k].fd == err.read.fd) {
        drain(err.read, result.err);
      } else {
        ssize_t w = ::write(in_write.fd, stdin_text.data() + written, stdin_text.size() - written);
        if (w > 0) {
          written += static_cast<size_t>(w);
        } else if (w < 0 && errno != EINTR && errno != EAGAIN) {
          got_epipe = got_epipe || errno == EPIPE;  // the tool stopped reading: stop writing
          written = stdin_text.size();
        }
        if (written == stdin_text.size()) in_write.reset();
      }
    }
  }
  if (got_epipe) {
    timespec zero{};
    sigtimedwait(&pipe_set, nullptr, &zero);  // discard our own pending SIGPIPE
  }
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);

  result.exit_code = wait_exit_code(pid);
  return result;
}

// The same without stdin for several programs at once: their start-up costs overlap (a hook
// asks for config, leadership and leader settings before its first handler).
std::vector<ProcessResult> run_processes(const std::vector<std::vector<std::string>>& argvs) {
  struct Child {
    pid_t pid = -1;
    Fd out, err;
  };
  std::vector<ProcessResult> results(argvs.size());
  std::vector<Child> children(argvs.size());
  for (size_t i = 0; i < argvs.size(); ++i) {
    const auto& argv = argvs[i];
    if (argv.empty()) throw std::invalid_argument("run_processes: empty argv");
    Pipe out, err;
    children[i].pid = spawn(argv, -1, out.write.fd, err.write.fd, results[i]);
    if (children[i].pid < 0) continue;
    children[i].out.fd = std::exchange(out.read.fd, -1);
    children[i].err.fd = std::exchange(err.read.fd, -1);
  }

  for (;;) {
    std::vector<pollfd> fds;
    std::vector<std::pair<Fd*, std::string*>> sinks;
    for (size_t i = 0; i < children.size(); ++i) {
      for (auto [fd, sink] : {std::pair{&children[i].out, &results[i].out}, std::pair{&children[i].err, &results[i].err}}) {
        if (fd->fd < 0) continue;
        fds.push_back({fd->fd, POLLIN, 0});
        sinks.emplace_back(fd, sink);
      }
    }
    if (fds.empty()) break;
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (size_t k = 0; k < fds.size(); ++k)
      if (fds[k].revents != 0) drain(*sinks[k].first, *sinks[k].second);
  }

  for (size_t i = 0; i < children.size(); ++i) {
    if (children[i].pid >= 0) results[i].exit_code = wait_exit_code(children[i].pid);
  }
  return results;
}

}  // namespace charm
