// One function per Juju hook tool, with the argv forms charm-helpers uses (hook-tools.md §5).
#include "charm/hook_tools.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>

#include "runtime/json_text.hpp"
#include "runtime/subprocess.hpp"
#include "runtime/tool_prefetch.hpp"

namespace charm {
namespace {

std::atomic<size_t> g_processes_started{0};

// Answers started ahead by prefetch_start_of_hook(), each used by the first identical call.
std::map<std::vector<std::string>, ProcessResult>& prefetched() {
  static std::map<std::vector<std::string>, ProcessResult> answers;
  return answers;
}

const std::vector<std::string> k_config_get{"config-get", "--all", "--format=json"};
const std::vector<std::string> k_is_leader{"is-leader", "--format=json"};
const std::vector<std::string> k_leader_get{"leader-get", "--format=json", "-"};

std::string join(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

std::string error_text(const std::vector<std::string>& argv, int exit_code, const std::string& err) {
  std::string text = join(argv) + " failed (exit " + std::to_string(exit_code) + ")";
  std::string trimmed = err;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
  return trimmed.empty() ? text : text + ": " + trimmed;
}

nlohmann::json run_json(const std::vector<std::string>& argv) {
  std::string out = hookcmd::run(argv);
  if (out.find_first_not_of(" \t\r\n") == std::string::npos) return nullptr;
  try {
    return nlohmann::json::parse(out);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(join(argv) + ": output is not JSON: " + e.what());
  }
}

std::string as_text(const nlohmann::json& v) {
  if (v.is_null()) return "";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::vector<std::string> as_list(const nlohmann::json& v) {
  std::vector<std::string> items;
  if (v.is_array())
    for (const auto& item : v) items.push_back(as_text(item));
  return items;  // Juju prints null for an empty list in some versions
}

std::map<std::string, std::string> as_string_map(const nlohmann::json& v) {
  std::map<std::string, std::string> m;
  if (v.is_object())
    for (const auto& [key, item] : v.items()) m[key] = as_text(item);
  return m;
}

// "k=v" arguments; nullopt gives "k=", which the tools read as "delete".
std::vector<std::string> key_value_args(const hookcmd::Settings& settings) {
  std::vector<std::string> args;
  for (const auto& [key, value] : settings) args.push_back(key + "=" + value.value_or(""));
  return args;
}

// Appends free-text positionals; a leading '-' would be read as a flag, so "--" goes first then.
void add_text_args(std::vector<std::string>& argv, const std::vector<std::string>& args) {
  if (std::any_of(args.begin(), args.end(), [](const std::string& a) { return a.size() > 1 && a[0] == '-'; }))
    argv.push_back("--");
  argv.insert(argv.end(), args.begin(), args.end());
}

// Linux refuses a single argument of 128 KiB or more (MAX_ARG_STRLEN); charm-helpers cuts log
// messages to 131071 characters. Cut on a UTF-8 boundary.
std::string truncate_arg(std::string_view s) {
  constexpr size_t max = 131071;
  if (s.size() <= max) return std::string(s);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

}  // namespace

HookToolError::HookToolError(std::vector<std::string> argv, int exit_code, std::string stderr_text)
    : std::runtime_error(error_text(argv, exit_code, stderr_text)),
      m_argv(std::move(argv)),
      m_exit_code(exit_code),
      m_stderr(std::move(stderr_text)) {}

namespace hookcmd {

std::string run(const std::vector<std::string>& argv, std::string_view stdin_text) {
  ProcessResult r;
  auto ahead = stdin_text.empty() ? prefetched().find(argv) : prefetched().end();
  if (ahead != prefetched().end()) {
    r = std::move(ahead->second);
    prefetched().erase(ahead);
  } else {
    r = run_process(argv, stdin_text);
    if (r.started) ++g_processes_started;
  }
  if (r.exit_code != 0) throw HookToolError(argv, r.exit_code, std::move(r.err));
  return std::move(r.out);
}

size_t processes_started() { return g_processes_started.load(); }

void prefetch_start_of_hook(bool with_config) {
  std::vector<std::vector<std::string>> argvs{k_is_leader, k_leader_get};
  if (with_config) argvs.push_back(k_config_get);
  std::vector<ProcessResult> results = run_processes(argvs);
  for (size_t i = 0; i < argvs.size(); ++i) {
    if (results[i].started) ++g_processes_started;
    prefetched().insert_or_assign(argvs[i], std::move(results[i]));
  }
}

void drop_prefetched() { prefetched().clear(); }

nlohmann::json config_get() {
  nlohmann::json config = run_json(k_config_get);
  return config.is_null() ? nlohmann::json::object() : config;
}

std::vector<std::string> relation_ids(const std::string& endpoint) {
  std::vector<std::string> argv{"relation-ids", "--format=json"};
  if (!endpoint.empty()) argv.push_back(endpoint);
  return as_list(run_json(argv));
}

std::vector<std::string> relation_list(const std::string& relation_id) {
  std::vector<std::string> argv{"relation-list", "--format=json"};
  if (!relation_id.empty()) argv.insert(argv.end(), {"-r", relation_id});
  return as_list(run_json(argv));
}

std::string relation_list_app(const std::string& relation_id) {
  std::vector<std::string> argv{"relation-list", "--format=json", "--app"};
  if (!relation_id.empty()) argv.insert(argv.end(), {"-r", relation_id});
  return as_text(run_json(argv));
}

std::map<std::string, std::string> relation_get(const std::string& relation_id, const std::string& unit_or_app,
                                                bool app) {
  std::vector<std::string> argv{"relation-get", "--format=json"};
  if (app) argv.push_back("--app");
  if (!relation_id.empty()) argv.insert(argv.end(), {"-r", relation_id});
  argv.push_back("-");
  if (!unit_or_app.empty()) argv.push_back(unit_or_app);
  try {
    return as_string_map(run_json(argv));
  } catch (const HookToolError& e) {
    if (e.exit_code() == 2) return {};  // charm-helpers: "no data" (e.g. relation already gone)
    throw;
  }
}

void relation_set(const std::string& relation_id, const Settings& settings, bool app) {
  if (settings.empty()) return;  // nothing to change: spare the process
  std::vector<std::string> argv{"relation-set"};
  if (!relation_id.empty()) argv.insert(argv.end(), {"-r", relation_id});
  if (app) argv.push_back("--app");
  argv.insert(argv.end(), {"--file", "-"});
  nlohmann::json bag = nlohmann::json::object();
  for (const auto& [key, value] : settings) bag[key] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  run(argv, yaml_safe_json(bag) + "\n");
}

void status_set(std::string_view state, std::string_view message, bool application) {
  std::string lower(state);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower != "maintenance" && lower != "blocked" && lower != "waiting" && lower != "active")
    throw std::invalid_argument("invalid workload status \"" + std::string(state) +
                                "\", expected one of maintenance, blocked, waiting, active");
  std::vector<std::string> argv{"status-set"};
  if (application) argv.push_back("--application");
  add_text_args(argv, {lower, std::string(message)});
  run(argv);
}

StatusInfo status_get(bool application) {
  std::vector<std::string> argv{"status-get", "--format=json", "--include-data"};
  if (application) argv.push_back("--application");
  nlohmann::json j = run_json(argv);
  if (application && j.contains("application-status")) j = j["application-status"];
  StatusInfo info;
  if (j.is_object()) {
    info.status = as_text(j.value("status", nlohmann::json()));
    info.message = as_text(j.value("message", nlohmann::json()));
  }
  return info;
}

void application_version_set(std::string_view version) {
  std::vector<std::string> argv{"application-version-set"};
  add_text_args(argv, {std::string(version)});
  run(argv);
}

void juju_log(std::string_view message, LogLevel level) {
  static constexpr const char* names[] = {"TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};
  std::vector<std::string> argv{"juju-log", "-l", names[static_cast<int>(level)]};
  add_text_args(argv, {truncate_arg(message)});
  run(argv);
}

bool is_leader() {
  nlohmann::json j = run_json(k_is_leader);
  return j.is_boolean() && j.get<bool>();
}

std::map<std::string, std::string> leader_get() {
  return as_string_map(run_json(k_leader_get));
}

void leader_set(const Settings& settings) {
  if (settings.empty()) return;
  std::vector<std::string> argv{"leader-set"};
  add_text_args(argv, key_value_args(settings));
  run(argv);
}

void open_port(std::string_view port_spec) { run({"open-port", std::string(port_spec)}); }
void close_port(std::string_view port_spec) { run({"close-port", std::string(port_spec)}); }
std::vector<std::string> opened_ports() { return as_list(run_json({"opened-ports", "--format=json"})); }

std::string unit_get(std::string_view setting) {
  return as_text(run_json({"unit-get", "--format=json", std::string(setting)}));
}

nlohmann::json network_get(const std::string& binding, const std::string& relation_id) {
  std::vector<std::string> argv{"network-get", binding, "--format=json"};
  if (!relation_id.empty()) argv.insert(argv.end(), {"-r", relation_id});
  return run_json(argv);
}

nlohmann::json action_get() {
  nlohmann::json params = run_json({"action-get", "--format=json"});
  return params.is_null() ? nlohmann::json::object() : params;
}

void action_set(const std::map<std::string, std::string>& results) {
  if (results.empty()) return;
  std::vector<std::string> args;
  for (const auto& [key, value] : results) args.push_back(key + "=" + value);
  std::vector<std::string> argv{"action-set"};
  add_text_args(argv, args);
  run(argv);
}

void action_fail(std::string_view message) {
  std::vector<std::string> argv{"action-fail"};
  add_text_args(argv, {std::string(message)});
  run(argv);
}

void action_log(std::string_view message) {
  std::vector<std::string> argv{"action-log"};
  add_text_args(argv, {truncate_arg(message)});
  run(argv);
}

nlohmann::json storage_get(const std::string& storage_id) {
  std::vector<std::string> argv{"storage-get", "--format=json"};
  if (!storage_id.empty()) argv.insert(argv.end(), {"-s", storage_id});
  return run_json(argv);
}

std::vector<std::string> storage_list(const std::string& storage_name) {
  std::vector<std::string> argv{"storage-list", "--format=json"};
  if (!storage_name.empty()) argv.push_back(storage_name);
  return as_list(run_json(argv));
}

std::string resource_get(const std::string& name) {
  std::string path = run({"resource-get", name});
  while (!path.empty() && (path.back() == '\n' || path.back() == '\r'))
    path.pop_back();  // Juju prints none; be lenient
  return path;
}

void juju_reboot(bool now) {
  std::vector<std::string> argv{"juju-reboot"};
  if (now) argv.push_back("--now");
  run(argv);
}

}  // namespace hookcmd
}  // namespace charm
