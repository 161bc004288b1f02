// Relation endpoints with charms.reactive's Endpoint model: the relations of an endpoint, their
// joined units, the data they sent (JSON-decoded as charms.reactive does, raw text too) and the
// data we publish (JSON-encoded like Python's json.dumps(sort_keys=True)). What a hook publishes
// is sent when the hook succeeds, with one relation-set per relation bag that changed; a failing
// hook sends nothing.
//
// At the start of every hook the runtime manages endpoint.NAME.joined, .changed,
// .changed.FIELD and .departed (runtime.md §5, docs/compatibility.md). An interface layer's
// handler reaches its endpoint with charm::current_endpoint():
//
//   static charm::Handler publish = charm::handler("http:publish")
//       .for_endpoints("provides", "http")
//       .when("endpoint.{endpoint_name}.joined")
//       .run([] {
//         for (charm::Relation& rel : charm::current_endpoint().relations())
//           rel.to_publish().update({{"hostname", "10.0.0.1"}, {"port", 80}});
//       });
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace charm {

namespace detail {
struct EndpointInternals;

// One of our own bags on a relation (the unit's or, for the leader, the application's):
// what Juju holds, read on first use, and what this hook wrote (nullopt deletes the key).
struct PublishBag {
  std::string relation_id;
  bool app = false;
  std::optional<std::map<std::string, std::string>> current;
  std::map<std::string, std::optional<std::string>> pending;
};
}  // namespace detail

// Data a unit or application published to us. get() decodes like charms.reactive: a missing key
// is null, "" stays "", JSON text is parsed ("80" -> 80, "true" -> true, "null" -> null) and
// anything else is returned as the string it is ("x" -> "x").
class ReceivedData {
 public:
  ReceivedData() = default;
  explicit ReceivedData(std::map<std::string, std::string> raw) : m_raw(std::move(raw)) {}
  nlohmann::json get(const std::string& key) const;
  nlohmann::json operator[](const std::string& key) const { return get(key); }
  std::optional<std::string> raw(const std::string& key) const;
  bool contains(const std::string& key) const { return m_raw.count(key) > 0; }
  bool empty() const { return m_raw.empty(); }
  const std::map<std::string, std::string>& raw_map() const { return m_raw; }

 private:
  std::map<std::string, std::string> m_raw;
};

// Our bag on one relation, JSON-encoded (charms.reactive's to_publish): set("host", "a")
// publishes the text "a" with its quotes. Writes are sent when the hook succeeds.
class PublishData {
 public:
  explicit PublishData(detail::PublishBag& bag) : m_bag(&bag) {}
  void set(const std::string& key, const nlohmann::json& value);
  void update(const nlohmann::json& object);  // set() for every key of a JSON object
  void erase(const std::string& key);         // deletes the key on the relation
  nlohmann::json get(const std::string& key) const;  // decoded like ReceivedData::get
  bool modified() const { return !m_bag->pending.empty(); }

 private:
  detail::PublishBag* m_bag;
};

// The same bag as bare strings, for interfaces that do not JSON-encode (to_publish_raw).
class RawPublishData {
 public:
  explicit RawPublishData(detail::PublishBag& bag) : m_bag(&bag) {}
  void set(const std::string& key, std::string value);
  void erase(const std::string& key);
  std::optional<std::string> get(const std::string& key) const;
  // The bag as it will be after this hook: Juju's copy with this hook's writes applied.
  std::map<std::string, std::string> all() const;

 private:
  detail::PublishBag* m_bag;
};

// A remote unit joined on a relation. Its data is read (relation-get) on first use.
class RelatedUnit {
 public:
  RelatedUnit(std::string relation_id, std::string name) : m_relation_id(std::move(relation_id)), m_name(std::move(name)) {}
  const std::string& name() const { return m_name; }  // "pg/0"
  std::string application_name() const;              // "pg"
  const std::string& relation_id() const { return m_relation_id; }
  const ReceivedData& received() const;

 private:
  friend struct detail::EndpointInternals;
  std::string m_relation_id, m_name;
  mutable std::optional<ReceivedData> m_received;
};

// A unit that left one of the endpoint's relations, with the data it had then.
struct DepartedUnit {
  std::string name;
  std::string relation_id;
  ReceivedData received;
  std::string application_name() const;
};

// One established relation of an endpoint.
class Relation {
 public:
  Relation(std::string id, std::vector<RelatedUnit> joined_units);
  // Move-only: writes to a copy would never be published.
  Relation(const Relation&) = delete;
  Relation& operator=(const Relation&) = delete;
  Relation(Relation&&) = default;
  Relation& operator=(Relation&&) = default;

  const std::string& id() const { return m_id; }  // "db:3"
  std::string endpoint_name() const;                // "db"
  const std::vector<RelatedUnit>& joined_units() const { return m_units; }  // sorted by unit name
  const RelatedUnit* unit(const std::string& name) const;                   // nullptr when not joined
  // The remote application: that of the first joined unit, else `relation-list --app`
  // ("" when Juju cannot say).
  std::string application_name() const;
  // What all joined units sent, merged: for a key, the unit first in name order wins.
  ReceivedData received() const;
  const ReceivedData& received_app() const;  // the remote application's bag

  PublishData to_publish() { return PublishData(m_unit_bag); }
  RawPublishData to_publish_raw() { return RawPublishData(m_unit_bag); }
  // Our application's bag: only the leader may read or write it (others get std::logic_error).
  PublishData to_publish_app() { return PublishData(m_app_bag); }
  RawPublishData to_publish_app_raw() { return RawPublishData(m_app_bag); }

 private:
  friend struct detail::EndpointInternals;
  std::string m_id;
  std::vector<RelatedUnit> m_units;
  detail::PublishBag m_unit_bag, m_app_bag;
  mutable std::optional<std::string> m_app_name;
  mutable std::optional<ReceivedData> m_received_app;
};

// An endpoint of metadata.yaml (provides, requires or peers). Its relations are read from
// Juju once per hook, on first use.
class Endpoint {
 public:
  Endpoint(std::string name, std::string role, std::string interface);
  Endpoint(const Endpoint&) = delete;
  Endpoint& operator=(const Endpoint&) = delete;

  const std::string& name() const { return m_name; }
  const std::string& role() const { return m_role; }  // provides | requires | peers
  const std::string& interface() const { return m_interface; }

  std::span<Relation> relations();                // sorted by relation id
  Relation* relation(const std::string& id);      // nullptr when not established
  bool is_joined();                               // any unit joined on any relation
  // Every joined unit of every relation, ordered by (relation id, unit name).
  std::vector<const RelatedUnit*> all_joined_units();
  // What all joined units sent, merged: the first in all_joined_units() order wins a key.
  ReceivedData received();

  // Units that departed, kept across hooks (kv `reactive.endpoints.departed.NAME`) until the
  // charm forgets them.
  std::vector<DepartedUnit> all_departed_units() const;
  void forget_departed_unit(const std::string& unit_name);
  void clear_departed_units();

  // "endpoint.NAME.FLAG", or FLAG with "{endpoint_name}" replaced when it has that placeholder.
  std::string expand_name(const std::string& flag) const;
  void set_flag(const std::string& flag) const;    // of expand_name(flag)
  void clear_flag(const std::string& flag) const;
  bool is_flag_set(const std::string& flag) const;

 private:
  friend struct detail::EndpointInternals;
  void load();
  std::string m_name, m_role, m_interface;
  std::optional<std::vector<Relation>> m_relations;
};

// The endpoint named in metadata.yaml; throws std::out_of_range naming it when there is none.
Endpoint& endpoint(const std::string& name);
// All endpoints of metadata.yaml, sorted by name.
std::vector<Endpoint*> endpoints();
// The endpoint of the running for_endpoints handler; throws std::logic_error elsewhere.
Endpoint& current_endpoint();

}  // namespace charm
