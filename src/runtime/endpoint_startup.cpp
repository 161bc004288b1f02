// The managed endpoint flags at hook start (endpoint_hooks.hpp), as charms.reactive's
// Endpoint._startup with its _manage_departed and _manage_flags, but reading relation data only
// where this hook can have changed it.
#include <set>

#include "charm/runtime.hpp"
#include "runtime/endpoint_hooks.hpp"
#include "runtime/endpoint_internals.hpp"
#include "runtime/endpoint_marker.hpp"
#include "runtime/log_sink.hpp"

namespace charm::detail {
namespace {

// Endpoint names whose flags the last successful hook brought up to date.
const char* const k_synced_key = "libcharm.endpoints.synced";

enum class DataCheck { this_hook, everything };

std::string flag(const Endpoint& ep, const std::string& name) { return "endpoint." + ep.name() + "." + name; }

// data_changed ids, as upstream: endpoint.NAME.REL_ID.UNIT.KEY (app bags: the app in UNIT's place).
std::string hash_id(const Endpoint& ep, const std::string& relation_id, const std::string& sender) {
  return "endpoint." + ep.name() + "." + relation_id + "." + sender + ".";
}

// Sets changed and changed.KEY for every key whose value differs from the hash kept in kv; a
// key that disappeared counts as changed too (upstream does not notice those).
void check_data(RuntimeContext& ctx, const Endpoint& ep, const std::string& id, const ReceivedData& data) {
  auto mark = [&](const std::string& key) {
    ctx.flags().set(flag(ep, "changed"));
    ctx.flags().set(flag(ep, "changed." + key));  // not expand_name: a key may hold "{endpoint_name}"
  };
  for (const auto& [key, raw] : data.raw_map())
    if (data_changed(id + key, data.get(key))) mark(key);
  const std::string stored_prefix = "reactive.data_changed." + id;
  for (const auto& [key, hash] : ctx.kv().get_range(stored_prefix, true)) {
    if (data.contains(key)) continue;
    ctx.kv().unset(stored_prefix + key);
    mark(key);
  }
}

void check_unit(RuntimeContext& ctx, const Endpoint& ep, const RelatedUnit& unit) {
  check_data(ctx, ep, hash_id(ep, unit.relation_id(), unit.name()), unit.received());
}

// An application bag that cannot be read (an old Juju, a relation going away) only means no
// changed flags for it; a handler that reads it gets the error.
void check_app(RuntimeContext& ctx, const Endpoint& ep, const Relation& rel) {
  std::string app = rel.application_name();
  if (app.empty()) return;
  try {
    check_data(ctx, ep, hash_id(ep, rel.id(), app), rel.received_app());
  } catch (const HookToolError& e) {
    write_log(hookcmd::LogLevel::warning, "endpoint " + ep.name() + ": the data of application " + app + " on " +
                                              rel.id() + " cannot be read: " + e.what());
  }
}

// Upstream's _manage_departed: the unit joins the persistent departed list with the data it
// had (Juju still answers relation-get for it during the departed hook).
void record_departure(RuntimeContext& ctx, Endpoint& ep, const std::string& relation_id, const std::string& unit) {
  if (unit.empty()) return;
  std::map<std::string, std::string> data;
  try {
    data = hookcmd::relation_get(relation_id, unit);
  } catch (const HookToolError& e) {
    write_log(hookcmd::LogLevel::warning, "endpoint " + ep.name() + ": the data of departed unit " + unit +
                                              " cannot be read, kept empty: " + e.what());
  }
  const std::string key = "reactive.endpoints.departed." + ep.name();
  nlohmann::json list = ctx.kv().get(key).value_or(nlohmann::json::array());
  if (!list.is_array()) list = nlohmann::json::array();
  nlohmann::json kept = nlohmann::json::array();
  for (auto& entry : list)
    if (!entry.is_object() || entry.value("unit_name", "") != unit || entry.value("relation", "") != relation_id)
      kept.push_back(std::move(entry));
  kept.push_back({{"relation", relation_id}, {"unit_name", unit}, {"data", data}});
  ctx.kv().set(key, kept);
  ctx.kv().unset_range("reactive.data_changed." + hash_id(ep, relation_id, unit));
  Relation* rel = ep.relation(relation_id);
  if (rel && rel->joined_units().empty()) EndpointInternals::drop_relation(ep, relation_id);
}

void manage(RuntimeContext& ctx, Endpoint& ep, DataCheck check) {
  const HookEnv& env = ctx.env();
  const bool own_hook = env.in_relation_hook() && env.relation_name == ep.name();
  const std::string event = own_hook ? env.relation_event : "";
  if (event == "departed") record_departure(ctx, ep, env.relation_id, env.remote_unit);
  Relation* current = own_hook ? ep.relation(env.relation_id) : nullptr;
  if (current && !env.remote_app.empty()) EndpointInternals::prime_app_name(*current, env.remote_app);
  const bool joined = ep.is_joined();
  ctx.flags().toggle(flag(ep, "joined"), joined);
  // Upstream clears departed in any other hook while a unit is joined (DECISIONS.md: kept).
  if (event == "departed")
    ctx.flags().set(flag(ep, "departed"));
  else if (joined)
    ctx.flags().clear(flag(ep, "departed"));

  if (check == DataCheck::everything) {
    for (const Relation& rel : ep.relations()) {
      for (const RelatedUnit& unit : rel.joined_units()) check_unit(ctx, ep, unit);
      if (!rel.joined_units().empty()) check_app(ctx, ep, rel);
    }
  } else if (current && (event == "joined" || event == "changed")) {
    // Juju runs relation-changed for each unit whose data changed (and for the application,
    // with no remote unit), so only the sender of this hook can have news.
    if (const RelatedUnit* unit = current->unit(env.remote_unit)) check_unit(ctx, ep, *unit);
    if (event == "joined" || env.remote_unit.empty()) check_app(ctx, ep, *current);
  }
  if (event == "broken") ctx.kv().unset_range("reactive.data_changed.endpoint." + ep.name() + "." + env.relation_id + ".");
}

}  // namespace

void start_endpoints(RuntimeContext& ctx) {
  EndpointRegistry& registry = ctx.endpoints();
  if (registry.names().empty()) return;
  registry.set_leader(ctx.flags().is_set("leadership.is_leader"));
  const HookEnv& env = ctx.env();
  // Relation membership can have moved on without our kv: after upgrade-charm (also a switch
  // from the Python runtime) and when a relation hook failed and was skipped.
  const bool resync = env.kind == HookKind::upgrade_charm || relation_hook_unfinished(env);
  if (env.in_relation_hook()) mark_relation_hook_running(env);

  std::set<std::string> synced;
  for (const auto& name : ctx.kv().get(k_synced_key).value_or(nlohmann::json::array()))
    if (name.is_string()) synced.insert(name.get<std::string>());

  for (Endpoint* ep : registry.all()) {
    const bool known = !resync && synced.count(ep->name());
    const bool own_hook = env.in_relation_hook() && env.relation_name == ep->name();
    if (own_hook || !known) {
      manage(ctx, *ep, known ? DataCheck::this_hook : DataCheck::everything);
    } else if (ctx.flags().is_set(flag(*ep, "joined"))) {
      ctx.flags().clear(flag(*ep, "departed"));  // what manage() would do: membership is unchanged
    }
  }
  ctx.kv().set(k_synced_key, registry.names());
}

}  // namespace charm::detail
