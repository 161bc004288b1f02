// What the runtime's endpoint modules share beyond charm/endpoint.hpp: the per-hook registry of
// Endpoint objects (owned by the RuntimeContext), the charms.reactive value decoding, and access
// to the parts of Endpoint/Relation that the start-up and the flush need.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "charm/endpoint.hpp"
#include "runtime/metadata.hpp"

namespace charm::detail {

// charms.reactive's JSONUnitDataView decoding: "" stays "", JSON is parsed, other text stays text.
nlohmann::json decode_relation_value(const std::string& raw);

// The Endpoint objects of one hook, one per endpoint of metadata.yaml.
class EndpointRegistry {
 public:
  explicit EndpointRegistry(const CharmMetadata& metadata);
  Endpoint* find(const std::string& name);
  std::vector<Endpoint*> all();  // sorted by name
  std::vector<std::string> names() const;

  // Whether this unit leads: leadership.is_leader as the hook start-up found it, else one
  // is-leader call on first use.
  bool is_leader();
  void set_leader(bool leader) { m_leader = leader; }

 private:
  std::map<std::string, std::unique_ptr<Endpoint>> m_endpoints;
  std::optional<bool> m_leader;
};

struct EndpointInternals {
  // The relations if this hook read them already, else nullptr (nothing to publish then).
  static std::vector<Relation>* loaded_relations(Endpoint& ep) { return ep.m_relations ? &*ep.m_relations : nullptr; }
  // Upstream drops a relation whose last unit departed from the endpoint's list.
  static void drop_relation(Endpoint& ep, const std::string& relation_id);
  // The remote application as the hook environment names it, sparing `relation-list --app`.
  static void prime_app_name(Relation& rel, const std::string& app) {
    if (!rel.m_app_name) rel.m_app_name = app;
  }
  static detail::PublishBag& unit_bag(Relation& rel) { return rel.m_unit_bag; }
  static detail::PublishBag& app_bag(Relation& rel) { return rel.m_app_bag; }
};

// Throws std::logic_error unless this unit may use the bag (an application bag: the leader only).
void require_bag_access(const PublishBag& bag);

}  // namespace charm::detail
