// The per-hook Endpoint objects (endpoint_internals.hpp).
#include <algorithm>

#include "charm/hook_tools.hpp"
#include "runtime/endpoint_internals.hpp"

namespace charm::detail {

EndpointRegistry::EndpointRegistry(const CharmMetadata& metadata) {
  for (const auto& info : metadata.endpoints())
    m_endpoints.emplace(info.name, std::make_unique<Endpoint>(info.name, info.role, info.interface));
}

Endpoint* EndpointRegistry::find(const std::string& name) {
  auto it = m_endpoints.find(name);
  return it == m_endpoints.end() ? nullptr : it->second.get();
}

std::vector<Endpoint*> EndpointRegistry::all() {
  std::vector<Endpoint*> out;
  for (auto& [name, ep] : m_endpoints) out.push_back(ep.get());
  return out;
}

std::vector<std::string> EndpointRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, ep] : m_endpoints) out.push_back(name);
  return out;
}

bool EndpointRegistry::is_leader() {
  if (!m_leader) m_leader = hookcmd::is_leader();
  return *m_leader;
}

void EndpointInternals::drop_relation(Endpoint& ep, const std::string& relation_id) {
  if (!ep.m_relations) return;
  auto& rels = *ep.m_relations;
  rels.erase(std::remove_if(rels.begin(), rels.end(), [&](const Relation& r) { return r.id() == relation_id; }),
             rels.end());
}

}  // namespace charm::detail
