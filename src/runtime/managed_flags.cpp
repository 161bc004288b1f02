// The managed flags of managed_flags.hpp.
#include "runtime/managed_flags.hpp"

#include <set>

#include "charm/hook_tools.hpp"
#include "runtime/yaml_json.hpp"

namespace charm::detail {
namespace {

// DECISIONS.md: "set" means present and not empty; unlike Python truthiness, 0 and false count.
bool is_set_value(const nlohmann::json& v) { return !v.is_null() && !(v.is_string() && v.get_ref<const std::string&>().empty()); }

nlohmann::json value_of(const nlohmann::json& object, const std::string& key) {
  auto it = object.find(key);
  return it == object.end() ? nlohmann::json() : *it;
}

}  // namespace

void init_config_flags(RuntimeContext& ctx) {
  const auto& options = ctx.config_defaults();
  if (options.empty()) return;  // a charm without options spares the config-get process
  Flags& flags = ctx.flags();
  const nlohmann::json& config = ctx.config();
  const auto& previous = ctx.previous_config();
  for (const auto& [name, default_value] : options) {
    nlohmann::json value = value_of(config, name);
    // charm-helpers Config.changed: everything is new without a snapshot.
    if (!previous || value_of(*previous, name) != value) {
      flags.set("config.changed");
      flags.set("config.changed." + name);
    }
    flags.toggle("config.set." + name, is_set_value(value));
    flags.toggle("config.default." + name, value == default_value);
  }
}

void clear_config_flags(RuntimeContext& ctx) {
  std::set<std::string> names;
  for (const auto& [name, default_value] : ctx.config_defaults()) names.insert(name);
  if (ctx.config_loaded())
    for (const auto& [key, value] : ctx.config().items()) names.insert(key);
  Flags& flags = ctx.flags();
  flags.clear("config.changed");
  for (const auto& name : names) {
    flags.clear("config.changed." + name);
    flags.clear("config.set." + name);
    flags.clear("config.default." + name);
  }
}

void init_leadership_flags(RuntimeContext& ctx) {
  Flags& flags = ctx.flags();
  KeyValueStore& kv = ctx.kv();
  flags.toggle("leadership.is_leader", hookcmd::is_leader());

  std::map<std::string, nlohmann::json> previous = kv.get_range("leadership.settings.", true);
  std::map<std::string, nlohmann::json> current;
  for (const auto& [key, value] : hookcmd::leader_get()) current[key] = value;
  // A key that disappeared reads as null, and stays stored as null (layer-leadership).
  for (const auto& [key, value] : previous)
    if (!current.count(key)) current[key] = nullptr;

  bool any_changed = false;
  for (const auto& [key, value] : current) {
    auto prev = previous.find(key);
    bool changed = (prev == previous.end() ? nlohmann::json() : prev->second) != value;
    any_changed = any_changed || changed;
    flags.toggle("leadership.changed." + key, changed);
    flags.toggle("leadership.set." + key, !value.is_null());
  }
  flags.toggle("leadership.changed", any_changed);
  for (const auto& [key, value] : current) kv.set("leadership.settings." + key, value);
}

void init_upgrade_flags(RuntimeContext& ctx) {
  const HookEnv& env = ctx.env();
  if (env.kind == HookKind::pre_series_upgrade) ctx.flags().set("upgrade.series.in-progress");
  if (env.kind == HookKind::post_series_upgrade) ctx.flags().clear("upgrade.series.in-progress");
  if (env.kind == HookKind::upgrade_charm) ctx.flags().set("charm.upgraded");
}

void clear_upgrade_flags(RuntimeContext& ctx) { ctx.flags().clear("charm.upgraded"); }

}  // namespace charm::detail
