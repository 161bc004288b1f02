// relate / remove-relation, and units entering a relation's scope.
#include <algorithm>
#include <set>

#include "sim/agent.hpp"

namespace sim {

namespace {

struct EndpointRef {
  std::string application, endpoint;  // endpoint may be empty: "any that fits"
};

EndpointRef parse_ref(const std::string& text) {
  auto colon = text.find(':');
  if (colon == std::string::npos) return {text, ""};
  return {text.substr(0, colon), text.substr(colon + 1)};
}

bool compatible(const EndpointSpec& a, const EndpointSpec& b) {
  if (a.interface != b.interface) return false;
  return (a.role == "provides" && b.role == "requires") || (a.role == "requires" && b.role == "provides");
}

}  // namespace

void Agent::enter_scope(Relation& rel, const std::string& unit_name) {
  if (std::find(rel.members.begin(), rel.members.end(), unit_name) != rel.members.end()) return;
  rel.members.push_back(unit_name);
  std::sort(rel.members.begin(), rel.members.end());
  // Juju fills these into a unit's bag when it enters scope.
  const Unit* unit = m_model.unit(unit_name);
  Bag& bag = rel.unit_bags[unit_name];
  bag["private-address"] = unit->address;
  bag["ingress-address"] = unit->address;
  bag["egress-subnets"] = unit->address + "/32";
}

// The unit that just entered scope meets every remote unit in scope, and they meet it:
// -relation-joined then -relation-changed, remote units in sorted order.
void Agent::queue_joins(const Relation& rel, const std::string& unit_name) {
  const Unit* unit = m_model.unit(unit_name);
  const std::string app = unit->application();
  const std::string endpoint = rel.end_of(app)->endpoint;
  const auto remotes = m_model.remote_units(rel, unit_name);
  const RelationEnd* other = rel.other_end(app);
  if (other && rel.app_bags.count(other->application) && !rel.app_bags.at(other->application).empty())
    queue({unit_name, endpoint + "-relation-changed", rel.id, "", other->application});
  for (const auto& remote : remotes) {
    const std::string remote_app = remote.substr(0, remote.find('/'));
    queue({unit_name, endpoint + "-relation-joined", rel.id, remote, remote_app});
    queue({unit_name, endpoint + "-relation-changed", rel.id, remote, remote_app});
  }
  for (const auto& remote : remotes) {
    const Unit* r = m_model.unit(remote);
    if (!r || r->dying) continue;
    const std::string remote_endpoint = rel.end_of(r->application())->endpoint;
    queue({remote, remote_endpoint + "-relation-joined", rel.id, unit_name, app});
    queue({remote, remote_endpoint + "-relation-changed", rel.id, unit_name, app});
  }
}

int Agent::relate(const std::string& a_text, const std::string& b_text) {
  const EndpointRef a = parse_ref(a_text), b = parse_ref(b_text);
  const Application* app_a = m_model.application(a.application);
  const Application* app_b = m_model.application(b.application);
  if (!app_a) throw UserError("application \"" + a.application + "\" not found");
  if (!app_b) throw UserError("application \"" + b.application + "\" not found");
  if (a.application == b.application) throw UserError("cannot relate application \"" + a.application + "\" to itself (peer relations are created at deploy)");

  std::vector<std::pair<const EndpointSpec*, const EndpointSpec*>> candidates;
  for (const auto& ea : app_a->charm.endpoints) {
    if (!a.endpoint.empty() && ea.name != a.endpoint) continue;
    for (const auto& eb : app_b->charm.endpoints) {
      if (!b.endpoint.empty() && eb.name != b.endpoint) continue;
      if (!compatible(ea, eb)) continue;
      // juju-info is implicit: only used when named, or for a subordinate that needs it.
      bool implicit = (ea.name == "juju-info" && a.endpoint.empty()) || (eb.name == "juju-info" && b.endpoint.empty());
      if (implicit && !(app_a->charm.subordinate || app_b->charm.subordinate)) continue;
      candidates.emplace_back(&ea, &eb);
    }
  }
  if (!a.endpoint.empty() && !app_a->charm.endpoint(a.endpoint))
    throw UserError("application \"" + a.application + "\" has no \"" + a.endpoint + "\" relation");
  if (!b.endpoint.empty() && !app_b->charm.endpoint(b.endpoint))
    throw UserError("application \"" + b.application + "\" has no \"" + b.endpoint + "\" relation");
  // Explicit endpoints beat the implicit juju-info one when both fit.
  if (candidates.size() > 1) {
    std::vector<std::pair<const EndpointSpec*, const EndpointSpec*>> explicit_only;
    for (const auto& c : candidates)
      if (c.first->name != "juju-info" && c.second->name != "juju-info") explicit_only.push_back(c);
    if (!explicit_only.empty()) candidates = explicit_only;
  }
  if (candidates.empty())
    throw UserError("no relations found between \"" + a_text + "\" and \"" + b_text +
                    "\" (their endpoints' interfaces and roles do not match)");
  if (candidates.size() > 1) {
    std::string list;
    for (const auto& [ea, eb] : candidates)
      list += "\n  " + a.application + ":" + ea->name + " " + b.application + ":" + eb->name;
    throw UserError("ambiguous relation: \"" + a_text + " " + b_text + "\" could refer to:" + list +
                    "\nname the endpoints: relate APP:ENDPOINT APP:ENDPOINT");
  }
  const auto [ea, eb] = candidates.front();
  for (const auto& rel : m_model.relations) {
    if (rel.is_peer() || rel.dying) continue;
    const RelationEnd* ra = rel.end_of(a.application);
    const RelationEnd* rb = rel.end_of(b.application);
    if (ra && rb && ra->endpoint == ea->name && rb->endpoint == eb->name)
      throw UserError("relation " + rel.key() + " already exists");
  }

  Relation rel;
  rel.id = m_model.next_relation_id++;
  rel.ends.push_back({a.application, ea->name, ea->role, ea->interface});
  rel.ends.push_back({b.application, eb->name, eb->role, eb->interface});
  rel.container_scoped = ea->scope == "container" || eb->scope == "container" ||
                         ((app_a->charm.subordinate || app_b->charm.subordinate) && ea->interface == "juju-info");
  m_model.relations.push_back(rel);
  Relation& stored = m_model.relations.back();
  const int id = stored.id;

  // relation-created on every unit of both sides, then scope and joins.
  std::vector<std::string> units;
  for (const auto* app : {app_a, app_b})
    for (const auto& u : app->units)
      if (!m_model.unit(u)->dying && m_model.unit(u)->principal.empty()) units.push_back(u);
  const Application* subordinate = app_a->charm.subordinate ? app_a : app_b->charm.subordinate ? app_b : nullptr;
  if (stored.container_scoped && subordinate) {
    // Each principal unit gets a subordinate unit; the pair joins when the unit starts. A
    // principal that already has one (from another container-scoped relation between the same
    // applications) keeps it, as Juju does: the pair just joins on the new relation too.
    const Application* principal = subordinate == app_a ? app_b : app_a;
    const std::string sub_app = subordinate->name, principal_app = principal->name;
    for (const auto& u : std::vector<std::string>(principal->units)) {
      if (m_model.unit(u)->dying) continue;
      queue({u, stored.end_of(principal_app)->endpoint + "-relation-created", id, "", sub_app});
      enter_scope(*m_model.relation(id), u);
      std::string existing;
      for (const auto& [name, unit] : m_model.units)
        if (unit.principal == u && unit.application() == sub_app && !unit.dying) existing = name;
      if (existing.empty()) {
        new_unit(*m_model.application(sub_app), u);
        continue;
      }
      queue({existing, m_model.relation(id)->end_of(sub_app)->endpoint + "-relation-created", id, "", principal_app});
      enter_scope(*m_model.relation(id), existing);
      queue_joins(*m_model.relation(id), existing);
    }
    return id;
  }
  for (const auto& u : units) {
    const std::string app = u.substr(0, u.find('/'));
    queue({u, stored.end_of(app)->endpoint + "-relation-created", id, "", stored.other_end(app)->application});
  }
  for (const auto& u : units) enter_scope(*m_model.relation(id), u);
  // Every pair meets once: each unit's joins towards units of the other side only.
  for (const auto& u : units) {
    const Relation& r = *m_model.relation(id);
    const std::string app = u.substr(0, u.find('/'));
    const std::string endpoint = r.end_of(app)->endpoint;
    const std::string other_app = r.other_end(app)->application;
    for (const auto& remote : m_model.remote_units(r, u)) {
      queue({u, endpoint + "-relation-joined", id, remote, other_app});
      queue({u, endpoint + "-relation-changed", id, remote, other_app});
    }
  }
  return id;
}

void Agent::remove_relation(const std::string& a_text, const std::string& b_text) {
  const EndpointRef a = parse_ref(a_text), b = parse_ref(b_text);
  Relation* found = nullptr;
  for (auto& rel : m_model.relations) {
    if (rel.is_peer() || rel.dying) continue;
    const RelationEnd* ra = rel.end_of(a.application);
    const RelationEnd* rb = rel.end_of(b.application);
    if (!ra || !rb) continue;
    if ((!a.endpoint.empty() && ra->endpoint != a.endpoint) || (!b.endpoint.empty() && rb->endpoint != b.endpoint)) continue;
    if (found) throw UserError("ambiguous relation: name the endpoints (APP:ENDPOINT APP:ENDPOINT)");
    found = &rel;
  }
  if (!found) throw UserError("relation between \"" + a_text + "\" and \"" + b_text + "\" not found");
  found->dying = true;
  const std::vector<std::string> members = found->members;
  for (const auto& u : members) {
    const Unit* unit = m_model.unit(u);
    const std::string app = unit->application();
    const std::string endpoint = found->end_of(app)->endpoint;
    for (const auto& remote : m_model.remote_units(*found, u))
      queue({u, endpoint + "-relation-departed", found->id, remote, remote.substr(0, remote.find('/')), remote});
  }
  for (const auto& u : members) {
    const std::string app = u.substr(0, u.find('/'));
    queue({u, found->end_of(app)->endpoint + "-relation-broken", found->id, "", found->other_end(app)->application});
  }
  found->members.clear();
  // Subordinate units of a container relation go with it.
  if (found->container_scoped) {
    std::vector<std::string> subordinates;
    for (const auto& [name, unit] : m_model.units)
      if (!unit.principal.empty() && !unit.dying && found->involves(unit.application())) subordinates.push_back(name);
    for (const auto& name : subordinates) retire_unit(name);
  }
}

void Agent::drop_dead_relations() {
  m_model.relations.erase(std::remove_if(m_model.relations.begin(), m_model.relations.end(),
                                         [&](const Relation& r) {
                                           if (!r.dying) return false;
                                           return std::none_of(m_model.queue.begin(), m_model.queue.end(),
                                                               [&](const QueuedHook& h) { return h.relation_id == r.id; });
                                         }),
                          m_model.relations.end());
}

}  // namespace sim
