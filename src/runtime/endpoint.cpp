// Endpoints, relations and related units (charm/endpoint.hpp): read from the hook tools lazily,
// at most once per hook each, so a hook pays only for what it looks at.
#include "charm/endpoint.hpp"

#include <algorithm>
#include <stdexcept>

#include "charm/reactive.hpp"
#include "charm/runtime.hpp"
#include "runtime/endpoint_internals.hpp"
#include "runtime/runtime_context.hpp"

namespace charm {
namespace {

std::string application_of(const std::string& unit_name) { return unit_name.substr(0, unit_name.find('/')); }

const std::string k_placeholder = "{endpoint_name}";

// Later entries never overwrite earlier ones, so the first unit in the given order wins a key.
ReceivedData merge(const std::vector<const RelatedUnit*>& units) {
  std::map<std::string, std::string> merged;
  for (const RelatedUnit* unit : units) merged.insert(unit->received().raw_map().begin(), unit->received().raw_map().end());
  return ReceivedData(std::move(merged));
}

std::string departed_key(const std::string& endpoint_name) { return "reactive.endpoints.departed." + endpoint_name; }

}  // namespace

std::string RelatedUnit::application_name() const { return application_of(m_name); }

const ReceivedData& RelatedUnit::received() const {
  if (!m_received) m_received = ReceivedData(hookcmd::relation_get(m_relation_id, m_name));
  return *m_received;
}

std::string DepartedUnit::application_name() const { return application_of(name); }

Relation::Relation(std::string id, std::vector<RelatedUnit> joined_units)
    : m_id(std::move(id)), m_units(std::move(joined_units)) {
  std::sort(m_units.begin(), m_units.end(), [](const RelatedUnit& a, const RelatedUnit& b) { return a.name() < b.name(); });
  m_unit_bag.relation_id = m_app_bag.relation_id = m_id;
  m_app_bag.app = true;
}

std::string Relation::endpoint_name() const { return m_id.substr(0, m_id.find(':')); }

const RelatedUnit* Relation::unit(const std::string& name) const {
  for (const auto& u : m_units)
    if (u.name() == name) return &u;
  return nullptr;
}

std::string Relation::application_name() const {
  if (!m_units.empty()) return m_units.front().application_name();
  if (!m_app_name) {
    try {
      m_app_name = hookcmd::relation_list_app(m_id);
    } catch (const HookToolError&) {
      m_app_name = "";  // Juju before 2.8 has no `relation-list --app`
    }
  }
  return *m_app_name;
}

ReceivedData Relation::received() const {
  std::vector<const RelatedUnit*> units;
  for (const auto& u : m_units) units.push_back(&u);
  return merge(units);
}

const ReceivedData& Relation::received_app() const {
  if (!m_received_app) {
    std::string app = application_name();
    m_received_app = app.empty() ? ReceivedData() : ReceivedData(hookcmd::relation_get(m_id, app, /*app=*/true));
  }
  return *m_received_app;
}

Endpoint::Endpoint(std::string name, std::string role, std::string interface)
    : m_name(std::move(name)), m_role(std::move(role)), m_interface(std::move(interface)) {}

// relation-ids, then relation-list per relation; ids sorted as strings, as upstream.
void Endpoint::load() {
  if (m_relations) return;
  std::vector<std::string> ids = hookcmd::relation_ids(m_name);
  for (auto& id : ids)
    if (id.find(':') == std::string::npos) id = m_name + ":" + id;
  std::sort(ids.begin(), ids.end());
  std::vector<Relation> relations;
  for (const auto& id : ids) {
    std::vector<RelatedUnit> units;
    for (auto& name : hookcmd::relation_list(id)) units.emplace_back(id, std::move(name));
    relations.emplace_back(id, std::move(units));
  }
  m_relations = std::move(relations);
}

std::span<Relation> Endpoint::relations() {
  load();
  return *m_relations;
}

Relation* Endpoint::relation(const std::string& id) {
  for (auto& rel : relations())
    if (rel.id() == id) return &rel;
  return nullptr;
}

bool Endpoint::is_joined() {
  for (const auto& rel : relations())
    if (!rel.joined_units().empty()) return true;
  return false;
}

std::vector<const RelatedUnit*> Endpoint::all_joined_units() {
  std::vector<const RelatedUnit*> units;
  for (const auto& rel : relations())
    for (const auto& u : rel.joined_units()) units.push_back(&u);
  return units;  // relations by id and their units by name: already (relation id, unit name) order
}

ReceivedData Endpoint::received() { return merge(all_joined_units()); }

std::vector<DepartedUnit> Endpoint::all_departed_units() const {
  std::vector<DepartedUnit> units;
  nlohmann::json stored = kv().get(departed_key(m_name)).value_or(nlohmann::json::array());
  if (!stored.is_array()) return units;
  for (const auto& entry : stored) {
    if (!entry.is_object()) continue;
    std::map<std::string, std::string> data;
    const nlohmann::json sent = entry.value("data", nlohmann::json::object());
    for (const auto& [key, value] : sent.items())
      if (value.is_string()) data[key] = value.get<std::string>();
    units.push_back({entry.value("unit_name", ""), entry.value("relation", ""), ReceivedData(std::move(data))});
  }
  return units;
}

void Endpoint::forget_departed_unit(const std::string& unit_name) {
  nlohmann::json stored = kv().get(departed_key(m_name)).value_or(nlohmann::json::array());
  if (!stored.is_array()) return;
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& entry : stored)
    if (!entry.is_object() || entry.value("unit_name", "") != unit_name) kept.push_back(entry);
  // Upstream's CachedKeyList: an empty list is deleted rather than stored.
  if (kept.empty())
    kv().unset(departed_key(m_name));
  else
    kv().set(departed_key(m_name), kept);
}

void Endpoint::clear_departed_units() { kv().unset(departed_key(m_name)); }

std::string Endpoint::expand_name(const std::string& flag) const {
  std::string text = flag.find(k_placeholder) == std::string::npos ? "endpoint." + k_placeholder + "." + flag : flag;
  for (size_t at = text.find(k_placeholder); at != std::string::npos; at = text.find(k_placeholder, at + m_name.size()))
    text.replace(at, k_placeholder.size(), m_name);
  return text;
}

void Endpoint::set_flag(const std::string& flag) const { flags().set(expand_name(flag)); }
void Endpoint::clear_flag(const std::string& flag) const { flags().clear(expand_name(flag)); }
bool Endpoint::is_flag_set(const std::string& flag) const { return flags().is_set(expand_name(flag)); }

Endpoint& endpoint(const std::string& name) {
  auto& registry = detail::RuntimeContext::current().endpoints();
  if (Endpoint* ep = registry.find(name)) return *ep;
  std::string known;
  for (const auto& n : registry.names()) known += (known.empty() ? "" : ", ") + n;
  throw std::out_of_range("no endpoint \"" + name + "\" in metadata.yaml (" +
                          (known.empty() ? std::string("it declares none") : "it declares: " + known) + ")");
}

std::vector<Endpoint*> endpoints() { return detail::RuntimeContext::current().endpoints().all(); }

Endpoint& current_endpoint() {
  const std::string& name = current_endpoint_name();
  if (name.empty())
    throw std::logic_error("charm::current_endpoint() is only available in for_endpoints handlers; "
                           "use charm::endpoint(\"NAME\") elsewhere");
  return endpoint(name);
}

}  // namespace charm
