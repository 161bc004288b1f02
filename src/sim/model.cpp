#include "sim/model.hpp"

#include <algorithm>

namespace sim {

using nlohmann::json;

const EndpointSpec* CharmInfo::endpoint(const std::string& wanted) const {
  for (const auto& e : endpoints)
    if (e.name == wanted) return &e;
  return nullptr;
}

std::string Unit::application() const { return name.substr(0, name.find('/')); }
int Unit::number() const { return std::stoi(name.substr(name.find('/') + 1)); }

json Application::effective_config(bool all) const {
  json out = json::object();
  for (const auto& [key, option] : charm.config) {
    if (config.contains(key))
      out[key] = config.at(key);
    else if (!option.default_value.is_null() || all)
      out[key] = option.default_value;
  }
  return out;
}

std::string Relation::key() const {
  std::vector<std::string> parts;
  for (const auto& e : ends) parts.push_back(e.application + ":" + e.endpoint);
  // juju status lists the provider side first; peers have one end.
  if (parts.size() == 2 && ends[0].role == "requires") std::swap(parts[0], parts[1]);
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

const RelationEnd* Relation::end_of(const std::string& application) const {
  for (const auto& e : ends)
    if (e.application == application) return &e;
  return nullptr;
}

const RelationEnd* Relation::other_end(const std::string& application) const {
  if (ends.size() == 1) return ends[0].application == application ? &ends[0] : nullptr;
  if (ends[0].application == application) return &ends[1];
  if (ends[1].application == application) return &ends[0];
  return nullptr;
}

std::string Relation::id_for(const std::string& application) const {
  const RelationEnd* end = end_of(application);
  return (end ? end->endpoint : std::string("?")) + ":" + std::to_string(id);
}

std::string QueuedHook::describe() const {
  std::string out = unit + " " + name;
  if (!remote_unit.empty()) out += " (" + remote_unit + ")";
  else if (!departing_unit.empty()) out += " (" + departing_unit + " departing)";
  return out;
}

Application* Model::application(const std::string& n) {
  auto it = applications.find(n);
  return it == applications.end() ? nullptr : &it->second;
}
const Application* Model::application(const std::string& n) const {
  auto it = applications.find(n);
  return it == applications.end() ? nullptr : &it->second;
}
Unit* Model::unit(const std::string& n) {
  auto it = units.find(n);
  return it == units.end() ? nullptr : &it->second;
}
const Unit* Model::unit(const std::string& n) const {
  auto it = units.find(n);
  return it == units.end() ? nullptr : &it->second;
}
Relation* Model::relation(int id) {
  for (auto& r : relations)
    if (r.id == id) return &r;
  return nullptr;
}
const Relation* Model::relation(int id) const {
  for (const auto& r : relations)
    if (r.id == id) return &r;
  return nullptr;
}
ActionRecord* Model::action(const std::string& id) {
  for (auto& a : actions)
    if (a.id == id) return &a;
  return nullptr;
}

const Unit* Model::leader_of(const std::string& app) const {
  const Application* a = application(app);
  if (!a) return nullptr;
  for (const auto& name : a->units) {
    const Unit* u = unit(name);
    if (u && u->leader) return u;
  }
  return nullptr;
}

std::vector<std::string> Model::remote_units(const Relation& rel, const std::string& unit_name) const {
  const Unit* self = unit(unit_name);
  std::vector<std::string> out;
  if (!self) return out;
  const std::string own_app = self->application();
  const RelationEnd* other = rel.other_end(own_app);
  if (!other) return out;
  for (const auto& member : rel.members) {
    if (member == unit_name) continue;
    const Unit* u = unit(member);
    if (!u || u->application() != other->application) continue;
    if (rel.container_scoped) {
      // Only the principal and its own subordinate see each other.
      bool paired = u->principal == unit_name || self->principal == member ||
                    (!u->principal.empty() && u->principal == self->principal);
      if (!paired) continue;
    }
    out.push_back(member);
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    // "app/10" after "app/9", as Juju sorts unit names.
    auto app_a = a.substr(0, a.find('/')), app_b = b.substr(0, b.find('/'));
    if (app_a != app_b) return app_a < app_b;
    return std::stoi(a.substr(a.find('/') + 1)) < std::stoi(b.substr(b.find('/') + 1));
  });
  return out;
}

// --- JSON ---------------------------------------------------------------------------------

static json status_json(const Status& s) { return {{"status", s.status}, {"message", s.message}}; }
static Status status_from(const json& j) { return {j.value("status", "unknown"), j.value("message", "")}; }

json to_json(const Model& m) {
  json apps = json::object();
  for (const auto& [name, a] : m.applications) {
    json endpoints = json::array();
    for (const auto& e : a.charm.endpoints)
      endpoints.push_back({{"name", e.name}, {"role", e.role}, {"interface", e.interface}, {"scope", e.scope}});
    json config = json::object();
    for (const auto& [k, o] : a.charm.config)
      config[k] = {{"type", o.type}, {"default", o.default_value}, {"description", o.description}};
    json storage = json::array();
    for (const auto& s : a.charm.storage) storage.push_back({{"name", s.name}, {"type", s.type}, {"location", s.location}});
    apps[name] = {{"charm-source", a.charm_source},
                  {"charm-revision", a.charm_revision},
                  {"charm",
                   {{"name", a.charm.name},
                    {"subordinate", a.charm.subordinate},
                    {"endpoints", endpoints},
                    {"config", config},
                    {"actions", a.charm.actions},
                    {"storage", storage},
                    {"resources", a.charm.resources}}},
                  {"config", a.config},
                  {"leader-settings", a.leader_settings},
                  {"status", status_json(a.status)},
                  {"version", a.version},
                  {"resources", a.resources},
                  {"units", a.units},
                  {"next-unit", a.next_unit}};
  }
  json units = json::object();
  for (const auto& [name, u] : m.units)
    units[name] = {{"machine", u.machine},       {"address", u.address},         {"principal", u.principal},
                   {"workload", status_json(u.workload)}, {"agent-status", u.agent_status},
                   {"error-hook", u.error_hook}, {"leader", u.leader},           {"installed", u.installed}, {"started", u.started}, {"dying", u.dying},
                   {"ports", u.ports},           {"storage", u.storage_ids}};
  json relations = json::array();
  for (const auto& r : m.relations) {
    json ends = json::array();
    for (const auto& e : r.ends)
      ends.push_back({{"application", e.application}, {"endpoint", e.endpoint}, {"role", e.role}, {"interface", e.interface}});
    relations.push_back({{"id", r.id}, {"ends", ends}, {"container-scoped", r.container_scoped},
                         {"unit-bags", r.unit_bags}, {"app-bags", r.app_bags}, {"members", r.members}, {"dying", r.dying}});
  }
  json actions = json::array();
  for (const auto& a : m.actions)
    actions.push_back({{"id", a.id}, {"unit", a.unit}, {"name", a.name}, {"params", a.params}, {"status", a.status},
                       {"message", a.message}, {"results", a.results}, {"log", a.log}});
  json queue = json::array();
  for (const auto& q : m.queue)
    queue.push_back({{"unit", q.unit}, {"name", q.name}, {"relation-id", q.relation_id}, {"remote-unit", q.remote_unit},
                     {"remote-app", q.remote_app}, {"departing-unit", q.departing_unit}, {"storage-id", q.storage_id},
                     {"action-id", q.action_id}});
  json history = json::array();
  for (const auto& h : m.history)
    history.push_back({{"seq", h.seq}, {"unit", h.unit}, {"hook", h.hook}, {"exit-code", h.exit_code}, {"seconds", h.seconds}});
  return {{"format", 1},
          {"name", m.name},
          {"uuid", m.uuid},
          {"machine-kind", m.machine_kind},
          {"applications", apps},
          {"units", units},
          {"relations", relations},
          {"actions", actions},
          {"queue", queue},
          {"history", history},
          {"next-relation-id", m.next_relation_id},
          {"next-action-id", m.next_action_id},
          {"next-machine", m.next_machine}, {"next-storage", m.next_storage}};
}

Model model_from_json(const json& j) {
  Model m;
  m.name = j.value("name", "sim");
  m.uuid = j.value("uuid", "");
  m.machine_kind = j.value("machine-kind", "local");
  for (const auto& [name, a] : j.at("applications").items()) {
    Application app;
    app.name = name;
    app.charm_source = a.value("charm-source", "");
    app.charm_revision = a.value("charm-revision", 1);
    const json& c = a.at("charm");
    app.charm.name = c.value("name", name);
    app.charm.subordinate = c.value("subordinate", false);
    for (const auto& e : c.at("endpoints"))
      app.charm.endpoints.push_back({e.at("name"), e.at("role"), e.at("interface"), e.value("scope", "global")});
    for (const auto& [k, o] : c.at("config").items())
      app.charm.config[k] = {o.value("type", "string"), o.value("default", json()), o.value("description", "")};
    app.charm.actions = c.value("actions", json::object());
    for (const auto& s : c.value("storage", json::array()))
      app.charm.storage.push_back({s.at("name"), s.value("type", "filesystem"), s.value("location", "")});
    app.charm.resources = c.value("resources", std::vector<std::string>{});
    app.config = a.value("config", json::object());
    app.leader_settings = a.value("leader-settings", Bag{});
    app.status = status_from(a.value("status", json::object()));
    app.version = a.value("version", "");
    app.resources = a.value("resources", std::map<std::string, std::string>{});
    app.units = a.value("units", std::vector<std::string>{});
    app.next_unit = a.value("next-unit", 0);
    m.applications[name] = std::move(app);
  }
  for (const auto& [name, u] : j.at("units").items()) {
    Unit unit;
    unit.name = name;
    unit.machine = u.value("machine", "");
    unit.address = u.value("address", "");
    unit.principal = u.value("principal", "");
    unit.workload = status_from(u.value("workload", json::object()));
    unit.agent_status = u.value("agent-status", "idle");
    unit.error_hook = u.value("error-hook", "");
    unit.leader = u.value("leader", false);
    unit.installed = u.value("installed", false);
    unit.started = u.value("started", false);
    unit.dying = u.value("dying", false);
    unit.ports = u.value("ports", std::vector<std::string>{});
    unit.storage_ids = u.value("storage", std::vector<std::string>{});
    m.units[name] = std::move(unit);
  }
  for (const auto& r : j.at("relations")) {
    Relation rel;
    rel.id = r.at("id");
    for (const auto& e : r.at("ends")) rel.ends.push_back({e.at("application"), e.at("endpoint"), e.at("role"), e.at("interface")});
    rel.container_scoped = r.value("container-scoped", false);
    rel.unit_bags = r.value("unit-bags", std::map<std::string, Bag>{});
    rel.app_bags = r.value("app-bags", std::map<std::string, Bag>{});
    rel.members = r.value("members", std::vector<std::string>{});
    rel.dying = r.value("dying", false);
    m.relations.push_back(std::move(rel));
  }
  for (const auto& a : j.value("actions", json::array())) {
    ActionRecord rec;
    rec.id = a.at("id");
    rec.unit = a.at("unit");
    rec.name = a.at("name");
    rec.params = a.value("params", json::object());
    rec.status = a.value("status", "pending");
    rec.message = a.value("message", "");
    rec.results = a.value("results", json::object());
    rec.log = a.value("log", std::vector<std::string>{});
    m.actions.push_back(std::move(rec));
  }
  for (const auto& q : j.value("queue", json::array()))
    m.queue.push_back({q.at("unit"), q.at("name"), q.value("relation-id", -1), q.value("remote-unit", ""),
                       q.value("remote-app", ""), q.value("departing-unit", ""), q.value("storage-id", ""),
                       q.value("action-id", "")});
  for (const auto& h : j.value("history", json::array()))
    m.history.push_back({h.value("seq", 0), h.value("unit", ""), h.value("hook", ""), h.value("exit-code", 0),
                         h.value("seconds", 0.0)});
  m.next_relation_id = j.value("next-relation-id", 0);
  m.next_action_id = j.value("next-action-id", 1);
  m.next_machine = j.value("next-machine", 0);
  m.next_storage = j.value("next-storage", 0);
  return m;
}

}  // namespace sim
