// relation-ids, relation-list, relation-get (hook-tools.md §5; juju/juju
// worker/uniter/runner/jujuc/relation-*.go and the uniter API's permission checks).
#include <algorithm>

#include "sim/tools/tool_list.hpp"

namespace sim::tools {

namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// juju/names: an application name is lowercase words joined by '-', each later word with a
// letter; a unit name is "<application>/<number>".
bool valid_application_name(const std::string& name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  size_t start = 0;
  for (bool first = true;; first = false) {
    const size_t dash = name.find('-', start);
    const std::string word = name.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
    if (word.empty() || !std::all_of(word.begin(), word.end(), lower_alnum)) return false;
    if (!first && std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
    if (dash == std::string::npos) return true;
    start = dash + 1;
  }
}

bool valid_unit_name(const std::string& name) {
  const size_t slash = name.find('/');
  if (slash == std::string::npos || !valid_application_name(name.substr(0, slash))) return false;
  const std::string number = name.substr(slash + 1);
  if (number.empty() || !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  return number == "0" || number[0] != '0';
}

// This unit's own bag (or its application's) as the hook sees it: committed data with the
// hook's pending relation-set writes applied (hook-tools.md §1.6).
Bag own_bag(ToolCall& call, const Relation& rel, const std::string& owner) {
  const bool app_bag = owner.find('/') == std::string::npos;
  const auto& bags = app_bag ? rel.app_bags : rel.unit_bags;
  auto it = bags.find(owner);
  Bag bag = it == bags.end() ? Bag{} : it->second;
  auto writes = call.session.relation_writes.find(rel.id);
  if (writes != call.session.relation_writes.end()) {
    auto pending = writes->second.find(owner);
    if (pending != writes->second.end())
      for (const auto& [key, value] : pending->second) {
        if (value && !value->empty()) bag[key] = *value;
        else bag.erase(key);
      }
  }
  return bag;
}

// What the controller answers for another unit's or application's bag; fetched once per hook
// and cached (Juju's RelationCache).
Bag remote_bag(ToolCall& call, const Relation& rel, const std::string& name, bool want_app) {
  const auto key = std::make_pair(rel.id, name);
  auto cached = call.session.remote_bag_cache.find(key);
  if (cached != call.session.remote_bag_cache.end()) return cached->second;

  const bool is_unit = valid_unit_name(name);
  if (!is_unit && !valid_application_name(name)) throw RunError(go_quote(name) + " is not a valid unit or application");
  const std::string app = is_unit && !want_app ? name.substr(0, name.find('/')) : name;
  // The uniter API refuses applications outside the relation with ErrPerm.
  if (!rel.involves(app)) throw RunError("permission denied");
  Bag bag;
  if (is_unit && !want_app) {
    auto it = rel.unit_bags.find(name);
    if (it != rel.unit_bags.end()) {
      bag = it->second;
    } else if (std::find(rel.members.begin(), rel.members.end(), name) == rel.members.end()) {
      // state.RelationUnit.ReadSettings on a unit that never entered scope.
      throw RunError("cannot read settings for unit " + go_quote(name) + " in relation " + go_quote(rel.key()) +
                     ": unit " + go_quote(name) + ": settings not found");
    }
  } else {
    // Only the leader reads its own application's bag, except in a peer relation
    // (readLocalApplicationSettings).
    if (app == call.session.unit().application() && !rel.is_peer()) throw RunError("permission denied");
    auto it = rel.app_bags.find(app);
    if (it != rel.app_bags.end()) bag = it->second;
  }
  call.session.remote_bag_cache[key] = bag;
  return bag;
}

}  // namespace

void relation_ids(ToolCall& call) {
  const std::string app = call.session.unit().application();
  std::string name;
  if (const Relation* hook = call.find_relation(call.hook_relation_id())) name = hook->end_of(app)->endpoint;
  Command cmd{"relation-ids", name.empty() ? "<name>" : "[<name>]", "list all relation ids with the given relation name",
              name.empty() ? "" : "Current default relation name is " + go_quote(name) + ".", {}};
  call.add_output_flags(cmd);
  auto args = call.parse(cmd);
  if (!args.empty()) {
    name = args[0];
    args.erase(args.begin());
  } else if (name.empty()) {
    throw UsageError("no relation name specified");
  }
  check_empty(args);
  std::vector<std::string> ids;
  for (const auto& rel : call.session.model().relations) {
    const RelationEnd* end = rel.end_of(app);
    if (end && end->endpoint == name && !rel.dying) ids.push_back(rel.id_for(app));
  }
  std::sort(ids.begin(), ids.end());  // as strings: "db:10" before "db:2", as Juju's sort.Strings
  call.write(GoValue::strings(std::move(ids)));
}

void relation_list(ToolCall& call) {
  int relation_id = -1;
  bool list_app = false;
  Command cmd{"relation-list", "", "list relation units",
              call.hook_relation_id() >= 0 ? "" : "-r must be specified when not in a relation hook", {}};
  call.add_output_flags(cmd);
  call.add_relation_flag(cmd, relation_id);
  cmd.flags.push_back(bool_flag({"app"}, list_app, "List remote application instead of participating units"));
  auto args = call.parse(cmd);
  if (relation_id == -1) throw UsageError("no relation id specified");
  check_empty(args);

  const Relation& rel = call.relation(relation_id);
  const std::string self = call.session.unit().name;
  if (list_app) {
    const RelationEnd* other = rel.other_end(call.session.unit().application());
    return call.write(GoValue::string(other ? other->application : ""));
  }
  std::vector<std::string> units = call.session.model().remote_units(rel, self);
  std::sort(units.begin(), units.end());  // RelationCache.MemberNames uses sort.Strings
  call.write(GoValue::strings(std::move(units)));
}

void relation_get(ToolCall& call) {
  const HookContext& ctx = call.session.context();
  int relation_id = -1;
  bool app = false;
  Command cmd{"relation-get", ctx.remote_unit.empty() ? "<key> <unit id>" : "[<key> [<unit id>]]",
              "get relation settings",
              "relation-get prints the value of a unit's relation setting, specified by key.\n"
              "If no key is given, or if the key is \"-\", all keys and values will be printed.\n\n"
              "A unit can see its own settings by calling \"relation-get - MYUNIT\", this will include\n"
              "any changes that have been made with \"relation-set\".\n\n"
              "When reading remote relation data, a charm can call relation-get --app - to get\n"
              "the data for the application data bag that is set by the remote applications\nleader.\n" +
                  (ctx.remote_unit.empty() ? std::string() : "Current default unit id is " + go_quote(ctx.remote_unit) + "."),
              {}};
  call.add_output_flags(cmd);
  call.add_relation_flag(cmd, relation_id);
  cmd.flags.push_back(bool_flag({"app"}, app, "Get the relation data for the overall application, not just a unit"));
  auto args = call.parse(cmd);
  if (relation_id == -1) throw UsageError("no relation id specified");
  std::string key;
  if (!args.empty()) {
    key = args[0] == "-" ? "" : args[0];
    args.erase(args.begin());
  }
  // Which bag: an argument wins (cut to its application with --app); else the remote unit,
  // or the remote application when there is no remote unit (created, broken, app-changed).
  std::string target;
  if (!args.empty()) {
    target = args[0];
    args.erase(args.begin());
    if (app && valid_unit_name(target)) target = target.substr(0, target.find('/'));
  } else if (app) {
    if (ctx.remote_app.empty()) throw UsageError("no unit or application specified");
    target = ctx.remote_app;
  } else if (!ctx.remote_unit.empty()) {
    target = ctx.remote_unit;
  } else if (!ctx.remote_app.empty()) {
    target = ctx.remote_app;
    app = true;
  } else {
    throw UsageError("no unit or application specified");
  }
  check_empty(args);

  const Relation& rel = call.relation(relation_id);
  const std::string self = call.session.unit().name, own_app = call.session.unit().application();
  Bag settings;
  if (target == self || (target == own_app && call.is_leader()))
    // Read locally, as Juju does; its quirk: the leader naming its application without
    // --app gets its own unit bag.
    settings = own_bag(call, rel, app ? own_app : self);
  else
    settings = remote_bag(call, rel, target, app);

  if (key.empty()) return call.write(GoValue::string_map(settings));
  auto it = settings.find(key);
  call.write(it == settings.end() ? GoValue() : GoValue::string(it->second));
}

}  // namespace sim::tools
