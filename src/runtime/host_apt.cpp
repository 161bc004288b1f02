// apt_install, apt_purge and apt_update of charm/host.hpp: apt-get without questions, retried
// while another process (unattended-upgrades, another charm's hook) holds the dpkg lock.
#include <thread>

#include "charm/host.hpp"
#include "charm/runtime.hpp"
#include "runtime/host_command.hpp"

namespace charm::host {
namespace {

// apt-get exits 100 for any error; only the lock messages mean "try again later".
bool lock_held(const ProcessResult& result) {
  return result.exit_code == 100 && (result.err.find("Could not get lock") != std::string::npos ||
                                     result.err.find("is another process using it") != std::string::npos);
}

void run_apt(const std::vector<std::string>& apt_argv, const AptOptions& options) {
  // env(1) sets the variable for apt-get alone; this process's environment stays as it was.
  std::vector<std::string> argv{"/usr/bin/env", "DEBIAN_FRONTEND=noninteractive"};
  argv.insert(argv.end(), apt_argv.begin(), apt_argv.end());
  for (int attempt = 0;; ++attempt) {
    ProcessResult result = run_process(argv);
    if (result.started && result.exit_code == 0) return;
    if (!lock_held(result) || attempt >= options.lock_retries) {
      if (result.exit_code == 127) result.err += " (is apt-get installed and on PATH?)";
      throw CommandError(apt_argv, result.exit_code, result.err);
    }
    log("Could not get the dpkg lock (another process is using apt); retry " + std::to_string(attempt + 1) + " of " +
        std::to_string(options.lock_retries) + " in " + std::to_string(options.lock_retry_delay.count()) + " ms: " +
        detail::command_line(apt_argv));
    std::this_thread::sleep_for(options.lock_retry_delay);
  }
}

void apt_packages(std::string_view subcommand, const std::vector<std::string>& packages, const AptOptions& options) {
  if (packages.empty()) return;
  for (const auto& package : packages) detail::require_operand(package, "package name");
  std::vector<std::string> argv{"apt-get", "--assume-yes"};
  argv.insert(argv.end(), options.options.begin(), options.options.end());
  argv.emplace_back(subcommand);
  argv.insert(argv.end(), packages.begin(), packages.end());
  std::string list;
  for (const auto& p : packages) list += (list.empty() ? "" : " ") + p;
  log(std::string(subcommand == "install" ? "Installing" : "Purging") + " packages: " + list);
  run_apt(argv, options);
}

}  // namespace

void apt_install(const std::vector<std::string>& packages, const AptOptions& options) {
  apt_packages("install", packages, options);
}

void apt_purge(const std::vector<std::string>& packages, const AptOptions& options) {
  apt_packages("purge", packages, options);
}

void apt_update(const AptOptions& options) { run_apt({"apt-get", "update"}, options); }

}  // namespace charm::host
