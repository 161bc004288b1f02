#include "sim/hook_runner.hpp"

#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <random>

namespace sim {
namespace fs = std::filesystem;

namespace {

std::string random_suffix() {
  static std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng() % 1000000000ULL);
}

bool executable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0 && fs::is_regular_file(p); }

// Reads what is available on a pipe; false at end of file.
bool drain(int fd, std::string& buffer) {
  char chunk[8192];
  ssize_t n = ::read(fd, chunk, sizeof(chunk));
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<size_t>(n));
  return true;
}

// Logs the complete lines of buffer (all of it at the end).
void flush_lines(std::string& buffer, bool all, const UnitLog& log, const std::string& unit,
                 const std::string& level, const std::string& source) {
  size_t end = all ? buffer.size() : buffer.rfind('\n');
  if (end == std::string::npos || end == 0) return;
  std::string text = buffer.substr(0, end);
  buffer.erase(0, all ? end : end + 1);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty()) log.write(unit, level, source, text);
}

}  // namespace

ProcessSpec HookRunner::process_for(HookSession& session, const std::string& context_id, bool& found) {
  const HookContext& ctx = session.context();
  const Unit& unit = session.unit();
  Model& model = session.model();
  const bool is_action = !ctx.action_id.empty();
  const ActionRecord* action = session.action();
  const std::string name = is_action ? action->name : ctx.hook_name;
  const std::string dispatch_path = (is_action ? "actions/" : "hooks/") + name;

  const fs::path host_dir = m_machine.host_charm_dir(unit.name);
  const std::string charm_dir = m_machine.charm_dir(unit.name);
  ProcessSpec spec;
  found = true;
  if (executable(host_dir / "dispatch"))
    spec.argv = {charm_dir + "/dispatch"};
  else if (executable(host_dir / dispatch_path))
    spec.argv = {charm_dir + "/" + dispatch_path};
  else
    found = false;
  spec.cwd = charm_dir;

  auto& env = spec.env;
  env["JUJU_UNIT_NAME"] = unit.name;
  env["JUJU_CHARM_DIR"] = env["CHARM_DIR"] = charm_dir;
  env["JUJU_HOOK_NAME"] = is_action ? "" : name;
  env["JUJU_DISPATCH_PATH"] = dispatch_path;
  env["JUJU_CONTEXT_ID"] = context_id;
  env["JUJU_AGENT_SOCKET_ADDRESS"] = m_machine.agent_socket(unit.name);
  env["JUJU_AGENT_SOCKET_NETWORK"] = "unix";
  env["JUJU_MODEL_NAME"] = model.name;
  env["JUJU_MODEL_UUID"] = model.uuid;
  env["JUJU_VERSION"] = m_options.juju_version;
  env["JUJU_MACHINE_ID"] = unit.machine;
  env["JUJU_AVAILABILITY_ZONE"] = "";
  env["JUJU_API_ADDRESSES"] = "";
  env["JUJU_PRINCIPAL_UNIT"] = unit.principal;
  env["JUJU_CHARM_HTTP_PROXY"] = env["JUJU_CHARM_HTTPS_PROXY"] = env["JUJU_CHARM_FTP_PROXY"] = "";
  env["JUJU_CHARM_NO_PROXY"] = "127.0.0.1,localhost,::1";
  env["PATH"] = m_machine.tools_dir(unit.name) + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  env["DEBIAN_FRONTEND"] = "noninteractive";
  env["APT_LISTCHANGES_FRONTEND"] = "none";
  env["LANG"] = "C.UTF-8";
  if (ctx.relation_id >= 0) {
    const Relation* rel = model.relation(ctx.relation_id);
    const RelationEnd* end = rel ? rel->end_of(unit.application()) : nullptr;
    env["JUJU_RELATION"] = end ? end->endpoint : "";
    env["JUJU_RELATION_ID"] = (end ? end->endpoint : std::string()) + ":" + std::to_string(ctx.relation_id);
    env["JUJU_REMOTE_UNIT"] = ctx.remote_unit;
    env["JUJU_REMOTE_APP"] = ctx.remote_app;
    if (!ctx.departing_unit.empty()) env["JUJU_DEPARTING_UNIT"] = ctx.departing_unit;
  }
  if (!ctx.storage_id.empty()) env["JUJU_STORAGE_ID"] = ctx.storage_id;
  if (is_action) {
    env["JUJU_ACTION_NAME"] = action->name;
    env["JUJU_ACTION_UUID"] = action->id;
    env["JUJU_ACTION_TAG"] = "action-" + action->id;
  }
  return spec;
}

// Juju keeps a unit's resources in its agent dir (resources/NAME/FILE); the charm dir's parent
// is that agent dir on every kind of machine. The copy is refreshed when the file changed
// (an upgrade with a new --resource) and replaced by rename, so a reader never sees half a file.
std::string HookRunner::place_resource(const std::string& unit, const std::string& name, const std::string& host_file) {
  const fs::path source(host_file);
  const fs::path host_dir = m_machine.host_charm_dir(unit).parent_path() / "resources" / name;
  const fs::path target = host_dir / source.filename();
  std::error_code ec;
  const bool fresh = fs::exists(target, ec) && fs::file_size(target, ec) == fs::file_size(source, ec) &&
                     fs::last_write_time(target, ec) == fs::last_write_time(source, ec);
  if (!fresh) {
    fs::create_directories(host_dir);
    const fs::path temp = host_dir / ("." + source.filename().string() + ".tmp");
    fs::copy_file(source, temp, fs::copy_options::overwrite_existing);
    fs::last_write_time(temp, fs::last_write_time(source));
    fs::rename(temp, target);
  }
  return (fs::path(m_machine.charm_dir(unit)).parent_path() / "resources" / name / source.filename()).string();
}

HookOutcome HookRunner::run(HookSession& session) {
  HookOutcome outcome;
  const std::string unit = session.unit().name;
  const std::string context_id = unit + "-" + (session.context().hook_name.empty() ? "action" : session.context().hook_name) +
                                 "-" + random_suffix();
  bool found = false;
  ProcessSpec spec = process_for(session, context_id, found);
  const std::string source = session.context().action_id.empty() ? session.context().hook_name : "action";
  if (!found) return outcome;  // a missing hook is skipped and counts as success

  outcome.ran = true;
  session.place_resource = [this, unit](const std::string& name, const std::string& host_file) {
    return place_resource(unit, name, host_file);
  };
  const auto started = std::chrono::steady_clock::now();
  SpawnedProcess proc = m_machine.spawn(unit, spec);
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, proc.pid, 0));
  std::string out_buf, err_buf;
  bool out_open = true, err_open = true, exited = false;
  int status = 0;
  auto exited_at = started;
  const auto deadline = started + m_options.timeout;

  while (!exited || out_open || err_open) {
    std::vector<pollfd> fds;
    fds.push_back({m_server.fd(), POLLIN, 0});
    if (out_open) fds.push_back({proc.stdout_fd, POLLIN, 0});
    if (err_open) fds.push_back({proc.stderr_fd, POLLIN, 0});
    if (!exited && pidfd >= 0) fds.push_back({pidfd, POLLIN, 0});
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    int wait_ms = exited ? 100 : static_cast<int>(std::max<long long>(0, std::min<long long>(remaining.count(), 1000)));
    if (pidfd < 0 && !exited) wait_ms = std::min(wait_ms, 50);
    int n = ::poll(fds.data(), fds.size(), wait_ms);
    if (n < 0 && errno != EINTR) break;
    for (const auto& p : fds) {
      if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
      if (p.fd == m_server.fd()) {
        m_server.serve_one([&](const std::string& id, const ToolRequest& req) {
          if (id != context_id) {
            ToolResponse stale;
            stale.exit_code = 1;
            stale.err = "ERROR bad request: context \"" + id + "\" is not running\n";
            return stale;
          }
          ToolResponse res = run_tool(session, req);
          session.calls.emplace_back(req.argv, res.exit_code);
          return res;
        });
        // juju-reboot --now: the agent kills the hook at once (the tool has answered).
        if (session.reboot_now && !exited) {
          m_machine.kill(unit, proc);
          outcome.rebooted_now = true;
          ::waitpid(proc.pid, &status, 0);
          exited = true;
          exited_at = std::chrono::steady_clock::now();
        }
      } else if (p.fd == proc.stdout_fd) {
        out_open = drain(proc.stdout_fd, out_buf);
        flush_lines(out_buf, !out_open, m_log, unit, "DEBUG", source);
      } else if (p.fd == proc.stderr_fd) {
        err_open = drain(proc.stderr_fd, err_buf);
        flush_lines(err_buf, !err_open, m_log, unit, "WARNING", source);
      }
    }
    if (!exited && ::waitpid(proc.pid, &status, WNOHANG) == proc.pid) {
      exited = true;
      exited_at = std::chrono::steady_clock::now();
    }
    if (!exited && std::chrono::steady_clock::now() >= deadline) {
      m_machine.kill(unit, proc);
      outcome.timed_out = true;
      ::waitpid(proc.pid, &status, 0);
      exited = true;
      exited_at = std::chrono::steady_clock::now();
    }
    // Output pipes may be held open by daemons the hook started: stop reading once the hook
    // itself is gone and nothing more is ready.
    if (exited && (n == 0 || std::chrono::steady_clock::now() - exited_at > std::chrono::milliseconds(300))) break;
  }
  if (pidfd >= 0) ::close(pidfd);
  flush_lines(out_buf, true, m_log, unit, "DEBUG", source);
  flush_lines(err_buf, true, m_log, unit, "WARNING", source);
  ::close(proc.stdout_fd);
  ::close(proc.stderr_fd);
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (WIFEXITED(status)) {
    outcome.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    outcome.exit_code = 128 + WTERMSIG(status);
    outcome.signal = strsignal(WTERMSIG(status));
  }
  if (outcome.timed_out) outcome.exit_code = outcome.exit_code == 0 ? 137 : outcome.exit_code;
  if (session.reboot_now) outcome.rebooted_now = true;  // also when it exited before it was killed
  return outcome;
}

}  // namespace sim
