// Service control of charm/host.hpp under systemd or plain init scripts.
#include <unistd.h>

#include <stdexcept>

#include "charm/host.hpp"
#include "charm/runtime.hpp"
#include "runtime/host_command.hpp"

namespace charm::host {
namespace fs = std::filesystem;
namespace {

// The name becomes a path under init_dir and an operand of systemctl.
void require_service_name(const std::string& name) {
  detail::require_operand(name, "service name");
  if (name.find('/') != std::string::npos || name == "." || name == "..")
    throw std::invalid_argument("service name '" + name + "' is not a plain name");
}

std::optional<fs::path> init_script(const std::string& name, const InitSystem& init) {
  fs::path script = init.init_dir / name;
  std::error_code ec;
  if (fs::is_regular_file(script, ec) && ::access(script.c_str(), X_OK) == 0) return script;
  return std::nullopt;
}

std::vector<std::string> control_argv(std::string_view action, const std::string& name, const InitSystem& init) {
  require_service_name(name);
  detail::require_operand(std::string(action), "service action");
  if (init_is_systemd(init)) return {"systemctl", std::string(action), name};
  if (auto script = init_script(name, init)) return {script->string(), std::string(action)};
  return {"service", name, std::string(action)};  // upstart jobs and other init systems
}

}  // namespace

bool init_is_systemd(const InitSystem& init) {
  std::error_code ec;
  return fs::is_directory(init.systemd_marker, ec);
}

void service(std::string_view action, const std::string& name, const InitSystem& init) {
  auto argv = control_argv(action, name, init);
  log("Service " + name + ": " + std::string(action));
  detail::run_checked(argv);
}

void service_reload(const std::string& name, OnReloadFailure on_failure, const InitSystem& init) {
  try {
    service("reload", name, init);
  } catch (const CommandError& e) {
    if (on_failure != OnReloadFailure::restart) throw;
    log("Reloading " + name + " failed, restarting it instead: " + e.what());
    service("restart", name, init);
  }
}

bool service_running(const std::string& name, const InitSystem& init) {
  std::vector<std::string> argv;
  if (init_is_systemd(init)) {
    require_service_name(name);
    argv = {"systemctl", "is-active", "--quiet", name};
  } else {
    argv = control_argv("status", name, init);
  }
  ProcessResult result = run_process(argv);
  if (!result.started) throw CommandError(argv, result.exit_code, result.err);
  return result.exit_code == 0;  // LSB: 3 = not running; anything else non-zero is not running either
}

void service_enable(const std::string& name, const InitSystem& init) {
  require_service_name(name);
  log("Service " + name + ": enable");
  if (init_is_systemd(init)) {
    detail::run_checked({"systemctl", "enable", name});
    return;
  }
  // `defaults` creates the rc.d links when there are none; `enable` turns disabled ones back on.
  detail::run_checked({"update-rc.d", name, "defaults"});
  detail::run_checked({"update-rc.d", name, "enable"});
}

void service_disable(const std::string& name, const InitSystem& init) {
  require_service_name(name);
  log("Service " + name + ": disable");
  if (init_is_systemd(init))
    detail::run_checked({"systemctl", "disable", name});
  else
    detail::run_checked({"update-rc.d", name, "disable"});
}

}  // namespace charm::host
