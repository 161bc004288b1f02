// The simulated Juju controller and unit agents: commands change the model and queue hooks in
// Juju's order (hook-tools.md §3); settle() runs them one at a time, applying each hook's
// buffered changes only when it exits 0 and queueing what those changes trigger.
// Every command checks all its input before it changes anything (a bad command leaves the
// model as it was) and throws UserError with a message for the person at the terminal.
#pragma once
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/hook_runner.hpp"
#include "sim/machine.hpp"
#include "sim/model.hpp"
#include "sim/tool_server.hpp"
#include "sim/unit_log.hpp"

namespace sim {

class UserError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct AgentOptions {
  std::chrono::milliseconds hook_timeout{std::chrono::minutes(5)};
  // Called after every hook (the CLI saves the model and prints progress).
  std::function<void(const QueuedHook&, const HookOutcome&)> after_hook;
};

class Agent {
 public:
  Agent(Model& model, Machine& machine, const UnitLog& log, ToolServer& server, AgentOptions options);

  // deploy CHARM_DIR [APP] -n N --config k=v --resource name=path; returns the new units.
  std::vector<std::string> deploy(const std::filesystem::path& charm_dir, std::string app, int units,
                                  const std::map<std::string, std::string>& config,
                                  const std::map<std::string, std::string>& resources);
  std::vector<std::string> add_unit(const std::string& app, int count);
  void remove_unit(const std::string& unit);
  void remove_application(const std::string& app);
  // relate A[:ep] B[:ep]; returns the relation id.
  int relate(const std::string& a, const std::string& b);
  void remove_relation(const std::string& a, const std::string& b);
  // config APP k=v ... (empty value = ""), reset = back to default. Returns true if changed.
  bool set_config(const std::string& app, const std::map<std::string, std::string>& values,
                  const std::vector<std::string>& reset);
  // run UNIT ACTION k=v (values parsed as YAML scalars, as `juju run` does); the action id.
  std::string queue_action(const std::string& unit, const std::string& action,
                           const std::map<std::string, std::string>& params);
  void tick();  // update-status on every unit
  // A new build (default: the same path again) and new resource files (name -> path), as
  // `juju refresh --path --resource`.
  void upgrade(const std::string& app, const std::filesystem::path& charm_dir,
               const std::map<std::string, std::string>& resources = {});
  void resolve(const std::string& unit, bool retry = true);

  // Runs queued hooks until none can run (empty queue, or only units in error). Returns the
  // number of hooks run.
  int settle();

 private:
  friend struct AgentInternals;
  void queue(QueuedHook hook);
  void enter_scope(Relation& rel, const std::string& unit);
  void queue_joins(const Relation& rel, const std::string& unit);
  std::string new_unit(Application& app, const std::string& principal);
  void queue_unit_start(const std::string& unit);
  void elect_leader(const std::string& app);
  void finish_removal(const std::string& unit);
  void retire_unit(const std::string& unit);  // remove-unit without the user-facing checks
  void drop_dead_relations();
  void after_commit(const QueuedHook& hook, const std::vector<std::pair<int, std::string>>& changed_bags);
  void run_one(const QueuedHook& hook);

  Model& m_model;
  Machine& m_machine;
  void reboot_machine_of(const std::string& unit, const std::optional<QueuedHook>& interrupted);
  const UnitLog& m_log;
  ToolServer& m_server;
  AgentOptions m_options;
};

// Parses a `juju config`/`deploy --config` value for an option of the given type; throws
// UserError like Juju: option "port" expected int, got "abc".
nlohmann::json parse_config_value(const std::string& key, const std::string& type, const std::string& text);
// Parses `juju run` parameter text as YAML scalar ("5" -> 5, "true" -> true, "x" -> "x").
nlohmann::json parse_param_value(const std::string& text);

}  // namespace sim
