// NOT IMPLEMENTED YET (the next step of the runtime): this is the planned interface, kept out of
// <charm/charm.hpp> until src/runtime implements it.
//
// Relation endpoints with charms.reactive's Endpoint model: relations, joined units, received
// data (JSON-decoded like charms.reactive) and data to publish (JSON-encoded like Python's
// json.dumps(sort_keys=True)), sent with one relation-set per relation when the hook succeeds.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace charm {

// Data a unit or app published to us: raw strings, or JSON-decoded values where they parse.
class ReceivedData {
 public:
  ReceivedData() = default;
  explicit ReceivedData(std::map<std::string, std::string> raw) : m_raw(std::move(raw)) {}
  // Missing keys are null; "" stays ""; "80" -> 80, "true" -> true, "x" -> "x".
  nlohmann::json get(const std::string& key) const;
  std::optional<std::string> raw(const std::string& key) const;
  const std::map<std::string, std::string>& raw_map() const { return m_raw; }

 private:
  std::map<std::string, std::string> m_raw;
};

// Our own bag on a relation (unit or app). Writes are buffered and published at hook success.
class PublishData {
 public:
  void set(const std::string& key, const nlohmann::json& value);        // JSON text, as charms.reactive
  void set_raw(const std::string& key, std::optional<std::string> value);  // bare text; nullopt deletes
  std::optional<std::string> raw(const std::string& key) const;
  bool modified() const { return m_modified; }
  // Internal: the current bag and what changed, for the flush.
  std::map<std::string, std::optional<std::string>>& bag() { return m_bag; }
  void load(std::map<std::string, std::string> current);

 private:
  std::map<std::string, std::optional<std::string>> m_bag;
  bool m_modified = false;
};

struct RelatedUnit {
  std::string name;         // "etcd/0"
  std::string application;  // "etcd"
  std::string relation_id;
  const ReceivedData& received() const;
};

class Relation {
 public:
  std::string id;             // "db:3"
  std::string endpoint_name;
  std::vector<RelatedUnit> joined_units;  // sorted by unit name
  std::string application_name() const;   // the remote app (the local app when nobody joined, as upstream)
  PublishData& to_publish();              // our unit bag
  PublishData& to_publish_app();          // our app bag (leader only)
  const ReceivedData& received_app() const;
};

class Endpoint {
 public:
  std::string name, role, interface;
  std::vector<Relation>& relations();
  bool is_joined() const;
  // Every joined unit over all relations, ordered by (relation id, unit name).
  std::vector<const RelatedUnit*> all_joined_units() const;
  // Units that departed (kept across hooks until cleared by the charm).
  std::vector<nlohmann::json> all_departed_units() const;
  void clear_departed_units();
  // "endpoint.<name>.<flag>", or the flag with "{endpoint_name}" substituted.
  std::string expand_name(const std::string& flag) const;
};

// The endpoint named in metadata.yaml; throws std::out_of_range naming it when unknown.
Endpoint& endpoint(const std::string& name);
// All endpoints of metadata.yaml (provides, requires, peers), sorted by name.
std::vector<Endpoint*> endpoints();

}  // namespace charm
