// One running hook as its tools see it: the context Juju gives it (unit, relation, remote
// unit, action) and the changes it buffers until it exits (hook-tools.md §1.5, §1.6).
// Immediate changes (status-set, application-version-set, juju-log, leader-set, action-log)
// go straight to the model; the rest waits for commit() after a successful exit.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/model.hpp"

namespace sim {

struct HookContext {
  std::string unit;
  std::string hook_name;  // "" for an action (JUJU_HOOK_NAME is empty then)
  int relation_id = -1;
  std::string remote_unit, remote_app, departing_unit;
  std::string storage_id;
  std::string action_id;  // set while running an action
  bool restricted = false;  // collect-metrics, meter-status-changed
};

using PendingBag = std::map<std::string, std::optional<std::string>>;  // nullopt deletes

class HookSession {
 public:
  HookSession(Model& model, HookContext context) : m_model(model), m_context(std::move(context)) {}

  Model& model() { return m_model; }
  const HookContext& context() const { return m_context; }
  Unit& unit();
  Application& application();
  ActionRecord* action();  // null outside an action

  // Buffered until commit(): relation-set per (relation id, unit or app name); port changes.
  std::map<int, std::map<std::string, PendingBag>> relation_writes;
  std::vector<std::pair<bool, std::string>> port_changes;  // (open?, "80/tcp")
  bool reboot_after_hook = false;
  // resource-get: puts the resource file (a path on this host) where the unit's machine sees
  // it, as Juju caches it in the agent dir, and returns that path. Unset: the host path.
  std::function<std::string(const std::string& name, const std::string& host_file)> place_resource;
  bool reboot_now = false;

  // Read caches of one hook: config, remote bags (relation id, unit-or-app) and leadership.
  std::optional<nlohmann::json> config_cache;
  std::map<std::pair<int, std::string>, Bag> remote_bag_cache;
  std::optional<Bag> leader_settings_cache;
  bool learned_not_leader = false;

  // Set by leader-set when it changed values; the agent then queues leader-settings-changed.
  bool leader_settings_changed = false;
  // Every tool call, for the hook log: argv and exit code.
  std::vector<std::pair<std::vector<std::string>, int>> calls;

  // Where juju-log, action-log and the agent's own lines go (level, text).
  std::function<void(const std::string& level, const std::string& text)> log;

  // Applies the buffered changes (called by the agent after exit 0). Returns the relation ids
  // whose bags changed (unit or app bag), for -relation-changed events.
  struct Committed {
    std::vector<std::pair<int, std::string>> changed_bags;  // (relation id, unit or app name)
  };
  Committed commit();

 private:
  Model& m_model;
  HookContext m_context;
};

}  // namespace sim
