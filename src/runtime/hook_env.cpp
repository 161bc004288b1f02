// Reads the JUJU_* environment once into a HookEnv (hook-tools.md §1-§3).
#include "charm/hook_env.hpp"

#include <array>
#include <string_view>
#include <utility>

extern char** environ;

namespace charm {
namespace {

constexpr std::array<std::pair<std::string_view, HookKind>, 13> k_plain_hooks{{
    {"install", HookKind::install},
    {"config-changed", HookKind::config_changed},
    {"start", HookKind::start},
    {"stop", HookKind::stop},
    {"remove", HookKind::remove},
    {"upgrade-charm", HookKind::upgrade_charm},
    {"update-status", HookKind::update_status},
    {"leader-elected", HookKind::leader_elected},
    {"leader-settings-changed", HookKind::leader_settings_changed},
    {"pre-series-upgrade", HookKind::pre_series_upgrade},
    {"post-series-upgrade", HookKind::post_series_upgrade},
    {"collect-metrics", HookKind::collect_metrics},
    {"meter-status-changed", HookKind::meter_status_changed},
}};
constexpr std::array<std::string_view, 5> k_relation_events{"created", "joined", "changed", "departed", "broken"};
constexpr std::array<std::string_view, 2> k_storage_events{"attached", "detaching"};

// Matches "<subject>-<infix>-<event>" with a non-empty subject; the subject may contain '-',
// so the match is anchored at the end.
template <size_t N>
bool split_suffixed(std::string_view name, std::string_view infix, const std::array<std::string_view, N>& events,
                    std::string* subject, std::string* event) {
  for (std::string_view ev : events) {
    const size_t tail = infix.size() + ev.size() + 2;  // "-" infix "-" event
    if (name.size() <= tail) continue;
    std::string_view rest = name.substr(name.size() - tail);
    if (rest[0] != '-' || rest.substr(1, infix.size()) != infix || rest[1 + infix.size()] != '-' ||
        rest.substr(2 + infix.size()) != ev)
      continue;
    if (subject) *subject = std::string(name.substr(0, name.size() - tail));
    if (event) *event = std::string(ev);
    return true;
  }
  return false;
}

std::string lookup(const std::map<std::string, std::string>& env, const std::string& key) {
  auto it = env.find(key);
  return it == env.end() ? std::string() : it->second;
}

std::string before_slash(const std::string& name) { return name.substr(0, name.find('/')); }

}  // namespace

HookKind classify_hook(const std::string& hook_name, std::string* subject, std::string* event) {
  for (const auto& [name, kind] : k_plain_hooks)
    if (hook_name == name) return kind;
  if (split_suffixed(hook_name, "relation", k_relation_events, subject, event)) return HookKind::relation;
  if (split_suffixed(hook_name, "storage", k_storage_events, subject, event)) return HookKind::storage;
  return HookKind::unknown;
}

HookEnv HookEnv::from_environment(const std::string& argv0) {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return from_map(env, argv0);
}

HookEnv HookEnv::from_map(const std::map<std::string, std::string>& env, const std::string& argv0) {
  HookEnv h;
  h.dispatch_path = lookup(env, "JUJU_DISPATCH_PATH");
  h.unit_name = lookup(env, "JUJU_UNIT_NAME");
  h.app_name = before_slash(h.unit_name);
  h.model_name = lookup(env, "JUJU_MODEL_NAME");
  h.model_uuid = lookup(env, "JUJU_MODEL_UUID");
  h.juju_version = lookup(env, "JUJU_VERSION");
  h.machine_id = lookup(env, "JUJU_MACHINE_ID");
  h.principal_unit = lookup(env, "JUJU_PRINCIPAL_UNIT");
  h.context_id = lookup(env, "JUJU_CONTEXT_ID");

  std::string charm_dir = lookup(env, "JUJU_CHARM_DIR");
  if (charm_dir.empty()) charm_dir = lookup(env, "CHARM_DIR");
  if (!charm_dir.empty()) {
    h.charm_dir = charm_dir;
  } else {
    std::error_code ec;  // the agent runs hooks with cwd = charm dir
    h.charm_dir = std::filesystem::current_path(ec);
  }

  // Hook name: the dispatch path says what Juju meant even when one binary serves every hook;
  // JUJU_HOOK_NAME is "" for actions; Juju before 2.8 only gives argv[0].
  bool is_action = false;
  if (!h.dispatch_path.empty()) {
    std::string_view path = h.dispatch_path;
    if (path.starts_with("actions/")) {
      is_action = true;
      h.hook_name = std::string(path.substr(8));
    } else if (path.starts_with("hooks/")) {
      h.hook_name = std::string(path.substr(6));
    } else {
      h.hook_name = std::filesystem::path(h.dispatch_path).filename().string();
    }
  } else if (std::string name = lookup(env, "JUJU_HOOK_NAME"); !name.empty()) {
    h.hook_name = name;
  } else {
    h.hook_name = std::filesystem::path(argv0).filename().string();
    // Old Juju runs actions/<name> directly; only JUJU_ACTION_NAME tells it apart.
    is_action = !lookup(env, "JUJU_ACTION_NAME").empty();
  }

  h.action_uuid = lookup(env, "JUJU_ACTION_UUID");
  if (is_action) {
    h.kind = HookKind::action;
    h.action_name = h.hook_name;
  } else {
    std::string subject, event;
    h.kind = classify_hook(h.hook_name, &subject, &event);
    if (h.kind == HookKind::relation) {
      h.relation_name = subject;
      h.relation_event = event;
    } else if (h.kind == HookKind::storage) {
      h.storage_name = subject;
      h.storage_event = event;
    }
  }

  h.relation_id = lookup(env, "JUJU_RELATION_ID");
  h.remote_unit = lookup(env, "JUJU_REMOTE_UNIT");
  h.remote_app = lookup(env, "JUJU_REMOTE_APP");
  if (h.remote_app.empty() && !h.remote_unit.empty()) h.remote_app = before_slash(h.remote_unit);  // Juju < 2.7
  h.departing_unit = lookup(env, "JUJU_DEPARTING_UNIT");
  h.storage_id = lookup(env, "JUJU_STORAGE_ID");
  return h;
}

}  // namespace charm
