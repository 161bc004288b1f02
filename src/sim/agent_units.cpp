// deploy, add-unit, remove-unit, upgrade, tick, resolve: units and their lifecycle hooks.
#include <algorithm>
#include <filesystem>
#include <regex>

#include "sim/agent.hpp"
#include "sim/charm_info.hpp"

namespace sim {

namespace fs = std::filesystem;

namespace {

// Checks resource files against the charm's metadata.yaml and records their absolute paths.
// Throws UserError (nothing recorded) for an unknown name or a missing file.
void attach_resources(Application& app, const CharmInfo& info, const std::map<std::string, std::string>& resources) {
  for (const auto& [name, path] : resources) {
    if (std::find(info.resources.begin(), info.resources.end(), name) == info.resources.end()) {
      std::string known;
      for (const auto& r : info.resources) known += (known.empty() ? "" : ", ") + r;
      throw UserError("unrecognized resource \"" + name + "\" (the charm's metadata.yaml defines: " +
                      (known.empty() ? std::string("none") : known) + ")");
    }
    if (!fs::is_regular_file(path)) throw UserError("resource \"" + name + "\": file " + path + " not found");
  }
  for (const auto& [name, path] : resources) app.resources[name] = fs::absolute(path).string();
}

bool valid_app_name(const std::string& name) {
  static const std::regex pattern("^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$");
  return std::regex_match(name, pattern);
}
}  // namespace

std::vector<std::string> Agent::deploy(const fs::path& charm_dir, std::string app_name, int count,
                                       const std::map<std::string, std::string>& config,
                                       const std::map<std::string, std::string>& resources) {
  if (!fs::is_directory(charm_dir)) throw UserError("charm directory " + charm_dir.string() + " not found");
  CharmInfo info;
  try {
    info = load_charm_info(charm_dir);
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  if (app_name.empty()) app_name = info.name;
  if (!valid_app_name(app_name)) throw UserError("invalid application name \"" + app_name + "\"");
  if (m_model.application(app_name)) throw UserError("application \"" + app_name + "\" already exists");
  if (count < 0) throw UserError("--num-units must be a positive integer");
  if (info.subordinate && count > 0 && count != 1)
    throw UserError("subordinate application must be deployed without units");

  Application app;
  app.name = app_name;
  app.charm_source = fs::absolute(charm_dir).lexically_normal().string();
  app.charm = info;
  for (const auto& [key, text] : config) {
    auto it = info.config.find(key);
    if (it == info.config.end()) throw UserError("unknown option \"" + key + "\"");
    app.config[key] = parse_config_value(key, it->second.type, text);
  }
  attach_resources(app, info, resources);
  m_model.applications[app_name] = std::move(app);

  // Peer relations exist from the start.
  for (const auto& e : info.endpoints) {
    if (e.role != "peers") continue;
    Relation rel;
    rel.id = m_model.next_relation_id++;
    rel.ends.push_back({app_name, e.name, e.role, e.interface});
    m_model.relations.push_back(std::move(rel));
  }
  if (info.subordinate) return {};
  return add_unit(app_name, count);
}

std::vector<std::string> Agent::add_unit(const std::string& app_name, int count) {
  Application* app = m_model.application(app_name);
  if (!app) throw UserError("application \"" + app_name + "\" not found");
  if (app->charm.subordinate) throw UserError("cannot add unit to subordinate application \"" + app_name + "\"; relate it to a principal instead");
  if (count < 1) throw UserError("--num-units must be a positive integer");
  std::vector<std::string> added;
  for (int i = 0; i < count; ++i) added.push_back(new_unit(*app, ""));
  return added;
}

// Creates a unit on a new machine (or its principal's), queues its start-up hooks, and puts it
// into the scope of the relations its application already has.
std::string Agent::new_unit(Application& app, const std::string& principal) {
  const std::string name = app.name + "/" + std::to_string(app.next_unit++);
  Unit unit;
  unit.name = name;
  unit.principal = principal;
  if (principal.empty()) {
    unit.machine = std::to_string(m_model.next_machine++);
  } else {
    unit.machine = m_model.unit(principal)->machine;
  }
  const std::string address = m_machine.provision(name, std::stoi(unit.machine));
  unit.address = principal.empty() ? address : m_model.unit(principal)->address;
  m_machine.install_charm(name, app.charm_source);
  for (const auto& s : app.charm.storage) unit.storage_ids.push_back(s.name + "/" + std::to_string(m_model.next_storage++));
  unit.leader = m_model.leader_of(app.name) == nullptr;
  app.units.push_back(name);
  m_model.units[name] = unit;
  queue_unit_start(name);
  return name;
}

void Agent::queue_unit_start(const std::string& name) {
  Unit& unit = *m_model.unit(name);
  const std::string app = unit.application();
  for (const auto& id : unit.storage_ids) queue({name, id.substr(0, id.find('/')) + "-storage-attached", -1, "", "", "", id});
  queue({name, "install"});
  // relation-created for relations that already exist, peers first.
  std::vector<Relation*> rels;
  for (auto& r : m_model.relations)
    if (r.involves(app) && !r.dying) rels.push_back(&r);
  std::stable_sort(rels.begin(), rels.end(), [](Relation* a, Relation* b) { return a->is_peer() && !b->is_peer(); });
  std::vector<int> ids;
  for (Relation* r : rels) {
    const RelationEnd* other = r->other_end(app);
    // A subordinate unit belongs only to its own principal's container relation.
    if (r->container_scoped && !unit.principal.empty() &&
        (!other || other->application != m_model.unit(unit.principal)->application()))
      continue;
    queue({name, r->end_of(app)->endpoint + "-relation-created", r->id, "", other ? other->application : ""});
    ids.push_back(r->id);
  }
  queue({name, unit.leader ? "leader-elected" : "leader-settings-changed"});
  queue({name, "config-changed"});
  queue({name, "start"});
  for (int id : ids) {
    Relation* r = m_model.relation(id);
    if (r->container_scoped) {
      const RelationEnd* other = r->other_end(app);
      Application* other_app = other ? m_model.application(other->application) : nullptr;
      enter_scope(*r, name);
      if (!unit.principal.empty()) {
        queue_joins(*r, name);  // the subordinate meets its principal
      } else if (other_app && other_app->charm.subordinate) {
        new_unit(*other_app, name);  // a new principal unit gets its own subordinate unit
      }
      continue;
    }
    enter_scope(*r, name);
    queue_joins(*r, name);
  }
}

void Agent::remove_unit(const std::string& name) {
  Unit* unit = m_model.unit(name);
  if (!unit) throw UserError("unit \"" + name + "\" not found");
  if (unit->dying) throw UserError("unit \"" + name + "\" is already being removed");
  if (!unit->principal.empty() && m_model.unit(unit->principal) && !m_model.unit(unit->principal)->dying)
    throw UserError("unit \"" + name + "\" is a subordinate; remove the relation or its principal instead");
  retire_unit(name);
}

void Agent::retire_unit(const std::string& name) {
  Unit* unit = m_model.unit(name);
  unit->dying = true;
  // Juju's uniter runs the storage resolver before the relations of a dying unit.
  for (const auto& id : unit->storage_ids) queue({name, id.substr(0, id.find('/')) + "-storage-detaching", -1, "", "", "", id});
  const std::string app = unit->application();
  for (auto& rel : m_model.relations) {
    auto member = std::find(rel.members.begin(), rel.members.end(), name);
    if (member == rel.members.end()) continue;
    const auto remotes = m_model.remote_units(rel, name);
    rel.members.erase(member);
    const std::string endpoint = rel.end_of(app)->endpoint;
    for (const auto& remote : remotes) {
      const Unit* r = m_model.unit(remote);
      queue({name, endpoint + "-relation-departed", rel.id, remote, r->application(), name});
      if (!r->dying)
        queue({remote, rel.end_of(r->application())->endpoint + "-relation-departed", rel.id, name, app, name});
    }
    const RelationEnd* other = rel.other_end(app);
    queue({name, endpoint + "-relation-broken", rel.id, "", other ? other->application : app});
  }
  // Subordinates go with their principal, after it has seen them depart.
  for (auto& [other_name, other] : m_model.units)
    if (other.principal == name && !other.dying) retire_unit(other_name);
  queue({name, "stop"});
  queue({name, "remove"});
  if (unit->leader) {
    unit->leader = false;
    elect_leader(app);
  }
}

void Agent::elect_leader(const std::string& app_name) {
  Application* app = m_model.application(app_name);
  if (!app || m_model.leader_of(app_name)) return;
  for (const auto& name : app->units) {
    Unit* u = m_model.unit(name);
    if (u && !u->dying) {
      u->leader = true;
      queue({name, "leader-elected"});
      return;
    }
  }
}

void Agent::finish_removal(const std::string& name) {
  Unit* unit = m_model.unit(name);
  if (!unit) return;
  const std::string app_name = unit->application();
  m_machine.destroy(name);
  for (auto& rel : m_model.relations) {
    rel.unit_bags.erase(name);
    rel.members.erase(std::remove(rel.members.begin(), rel.members.end(), name), rel.members.end());
  }
  m_model.units.erase(name);
  if (Application* app = m_model.application(app_name))
    app->units.erase(std::remove(app->units.begin(), app->units.end(), name), app->units.end());
  m_model.queue.erase(std::remove_if(m_model.queue.begin(), m_model.queue.end(),
                                     [&](const QueuedHook& h) { return h.unit == name; }),
                      m_model.queue.end());
}

void Agent::remove_application(const std::string& app_name) {
  Application* app = m_model.application(app_name);
  if (!app) throw UserError("application \"" + app_name + "\" not found");
  for (auto& rel : m_model.relations)
    if (rel.involves(app_name) && !rel.is_peer() && !rel.dying) {
      const RelationEnd* other = rel.other_end(app_name);
      remove_relation(app_name + ":" + rel.end_of(app_name)->endpoint, other->application + ":" + other->endpoint);
    }
  // Juju destroys every unit at once and a dying unit never accepts leadership: retiring the
  // leader last elects nobody.
  std::vector<std::string> units = app->units;
  std::stable_partition(units.begin(), units.end(), [&](const std::string& u) { return !m_model.unit(u)->leader; });
  for (const auto& unit : units)
    if (!m_model.unit(unit)->dying && m_model.unit(unit)->principal.empty()) remove_unit(unit);
  settle();
  app = m_model.application(app_name);
  if (app && app->units.empty()) {
    m_model.relations.erase(std::remove_if(m_model.relations.begin(), m_model.relations.end(),
                                           [&](const Relation& r) { return r.is_peer() && r.involves(app_name); }),
                            m_model.relations.end());
    m_model.applications.erase(app_name);
  }
}

void Agent::tick() {
  for (const auto& [name, unit] : m_model.units)
    if (!unit.dying && unit.installed) queue({name, "update-status"});
}

void Agent::upgrade(const std::string& app_name, const fs::path& charm_dir,
                    const std::map<std::string, std::string>& resources) {
  Application* app = m_model.application(app_name);
  if (!app) throw UserError("application \"" + app_name + "\" not found");
  const fs::path source = charm_dir.empty() ? fs::path(app->charm_source) : charm_dir;
  CharmInfo info;
  try {
    info = load_charm_info(source);
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  if (info.name != app->charm.name)
    throw UserError("cannot upgrade \"" + app_name + "\" from charm \"" + app->charm.name + "\" to \"" + info.name + "\"");
  for (const auto& rel : m_model.relations) {
    const RelationEnd* end = rel.end_of(app_name);
    if (end && !info.endpoint(end->endpoint))
      throw UserError("cannot upgrade: the new charm has no endpoint \"" + end->endpoint + "\" used by relation " + rel.key());
  }
  attach_resources(*app, info, resources);
  app->charm = info;
  app->charm_source = fs::absolute(source).lexically_normal().string();
  app->charm_revision++;
  for (auto it = app->config.begin(); it != app->config.end();)
    it = info.config.count(it.key()) ? std::next(it) : app->config.erase(it);
  for (const auto& name : app->units) {
    Unit* u = m_model.unit(name);
    if (!u || u->dying) continue;
    m_machine.install_charm(name, app->charm_source);
    queue({name, "upgrade-charm"});
    queue({name, "config-changed"});
    if (!u->leader) queue({name, "leader-settings-changed"});
    queue({name, "start"});
  }
}

void Agent::resolve(const std::string& name, bool retry) {
  Unit* unit = m_model.unit(name);
  if (!unit) throw UserError("unit \"" + name + "\" not found");
  if (unit->agent_status != "error") throw UserError("unit \"" + name + "\" is not in an error state");
  unit->agent_status = "idle";
  if (!retry) {
    auto first = std::find_if(m_model.queue.begin(), m_model.queue.end(), [&](const QueuedHook& h) { return h.unit == name; });
    if (first != m_model.queue.end()) {
      if (first->name == "install") unit->installed = true;
      if (first->name == "start") unit->started = true;
      m_model.queue.erase(first);
    }
  }
  unit->error_hook.clear();
}

}  // namespace sim
