// The hook's context as the Juju agent gives it: the JUJU_* environment, read once.
#pragma once
#include <filesystem>
#include <map>
#include <string>

namespace charm {

enum class HookKind {
  install, config_changed, start, stop, remove, upgrade_charm, update_status, leader_elected,
  leader_settings_changed, pre_series_upgrade, post_series_upgrade, collect_metrics, meter_status_changed,
  relation,  // <endpoint>-relation-{created,joined,changed,departed,broken}
  storage,   // <storage>-storage-{attached,detaching}
  action,
  unknown,
};

struct HookEnv {
  std::string hook_name;      // "install", "db-relation-joined"; the action name for actions
  HookKind kind = HookKind::unknown;
  std::string dispatch_path;  // JUJU_DISPATCH_PATH: "hooks/install", "actions/backup"
  std::string unit_name;      // "app/0"
  std::string app_name;       // "app"
  std::filesystem::path charm_dir;
  std::string model_name, model_uuid, juju_version, machine_id, principal_unit, context_id;
  // Relation hooks.
  std::string relation_name;   // endpoint name
  std::string relation_id;     // "db:3"
  std::string relation_event;  // "created", "joined", "changed", "departed", "broken"
  std::string remote_unit, remote_app, departing_unit;
  // Storage hooks and actions.
  std::string storage_id, storage_name, storage_event;
  std::string action_name, action_uuid;

  bool in_relation_hook() const { return kind == HookKind::relation; }
  bool restricted() const { return kind == HookKind::collect_metrics || kind == HookKind::meter_status_changed; }

  // Reads the environment; the hook name comes from JUJU_DISPATCH_PATH, else JUJU_HOOK_NAME
  // (ignored when empty, as Juju sets it for actions), else basename(argv0).
  static HookEnv from_environment(const std::string& argv0);
  static HookEnv from_map(const std::map<std::string, std::string>& env, const std::string& argv0);
};

// Classifies a hook name: kind, plus endpoint/event or storage/event for relation and storage hooks.
HookKind classify_hook(const std::string& hook_name, std::string* subject = nullptr, std::string* event = nullptr);

}  // namespace charm
