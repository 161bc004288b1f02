// A thin 1:1 layer over the Juju hook tools: one function per tool, `--format=json` where the
// tool has it, argv only (never a shell). Failures throw HookToolError with the command,
// exit code and stderr. Tests and the simulator see exactly these calls.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace charm {

class HookToolError : public std::runtime_error {
 public:
  HookToolError(std::vector<std::string> argv, int exit_code, std::string stderr_text);
  const std::vector<std::string>& argv() const { return m_argv; }
  int exit_code() const { return m_exit_code; }
  const std::string& stderr_text() const { return m_stderr; }

 private:
  std::vector<std::string> m_argv;
  int m_exit_code;
  std::string m_stderr;
};

namespace hookcmd {

// Runs a tool found on PATH with the given stdin; returns its stdout. Throws HookToolError when
// it exits non-zero or cannot be started (exit code 127).
std::string run(const std::vector<std::string>& argv, std::string_view stdin_text = {});
// Counts tool processes started by this process (for tests and benchmarks).
size_t processes_started();

using Settings = std::map<std::string, std::optional<std::string>>;  // nullopt deletes the key

nlohmann::json config_get();  // config-get --all --format=json
std::vector<std::string> relation_ids(const std::string& endpoint);
std::vector<std::string> relation_list(const std::string& relation_id);
std::string relation_list_app(const std::string& relation_id);  // relation-list --app
// The whole bag of a unit (or app with app=true); exit code 2 means "no data" (empty map), as charm-helpers.
std::map<std::string, std::string> relation_get(const std::string& relation_id, const std::string& unit_or_app,
                                                bool app = false);
// relation-set -r ID [--app] --file - (JSON on stdin); nullopt deletes.
void relation_set(const std::string& relation_id, const Settings& settings, bool app = false);

void status_set(std::string_view state, std::string_view message, bool application = false);
struct StatusInfo {
  std::string status;
  std::string message;
};
StatusInfo status_get(bool application = false);
void application_version_set(std::string_view version);

enum class LogLevel { trace, debug, info, warning, error, critical };
void juju_log(std::string_view message, LogLevel level = LogLevel::info);

bool is_leader();
std::map<std::string, std::string> leader_get();
void leader_set(const Settings& settings);

void open_port(std::string_view port_spec);   // "80", "8000-8099/udp", "icmp"
void close_port(std::string_view port_spec);
std::vector<std::string> opened_ports();
std::string unit_get(std::string_view setting);  // private-address | public-address
nlohmann::json network_get(const std::string& binding, const std::string& relation_id = "");

nlohmann::json action_get();
void action_set(const std::map<std::string, std::string>& results);  // dotted keys allowed
void action_fail(std::string_view message);
void action_log(std::string_view message);

nlohmann::json storage_get(const std::string& storage_id = "");
std::vector<std::string> storage_list(const std::string& storage_name = "");
std::string resource_get(const std::string& name);  // the local path of the resource file
void juju_reboot(bool now = false);

}  // namespace hookcmd
}  // namespace charm
