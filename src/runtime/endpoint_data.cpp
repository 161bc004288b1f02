// Relation data views of charm/endpoint.hpp: received data decoding, and our own bags, whose
// writes are buffered until the hook's flush (endpoint_publish.cpp).
#include <stdexcept>

#include "charm/endpoint.hpp"
#include "charm/kv.hpp"
#include "charm/runtime.hpp"
#include "runtime/endpoint_internals.hpp"
#include "runtime/runtime_context.hpp"

namespace charm {
namespace detail {

nlohmann::json decode_relation_value(const std::string& raw) {
  if (raw.empty()) return raw;  // upstream returns falsy values as they are
  nlohmann::json value = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  return value.is_discarded() ? nlohmann::json(raw) : value;
}

void require_bag_access(const PublishBag& bag) {
  if (bag.app && !RuntimeContext::current().endpoints().is_leader())
    throw std::logic_error("relation " + bag.relation_id +
                           ": only the leader can read or write its application's relation data, and this unit is "
                           "not the leader (check the flag leadership.is_leader first)");
}

}  // namespace detail

namespace {

// Juju's copy of our bag, read on first use.
const std::map<std::string, std::string>& current_bag(detail::PublishBag& bag) {
  if (!bag.current) {
    detail::require_bag_access(bag);
    const HookEnv& env = hook();
    bag.current = hookcmd::relation_get(bag.relation_id, bag.app ? env.app_name : env.unit_name, bag.app);
  }
  return *bag.current;
}

// The value after this hook's writes: nullopt when absent or deleted.
std::optional<std::string> lookup(detail::PublishBag& bag, const std::string& key) {
  if (auto written = bag.pending.find(key); written != bag.pending.end()) return written->second;
  const auto& current = current_bag(bag);
  auto it = current.find(key);
  return it == current.end() ? std::nullopt : std::optional<std::string>(it->second);
}

void write(detail::PublishBag& bag, const std::string& key, std::optional<std::string> value) {
  detail::require_bag_access(bag);
  bag.pending[key] = std::move(value);
}

}  // namespace

nlohmann::json ReceivedData::get(const std::string& key) const {
  auto it = m_raw.find(key);
  return it == m_raw.end() ? nlohmann::json() : detail::decode_relation_value(it->second);
}

std::optional<std::string> ReceivedData::raw(const std::string& key) const {
  auto it = m_raw.find(key);
  return it == m_raw.end() ? std::nullopt : std::optional<std::string>(it->second);
}

void PublishData::set(const std::string& key, const nlohmann::json& value) {
  write(*m_bag, key, python_json_dumps(value, true));
}

void PublishData::update(const nlohmann::json& object) {
  if (!object.is_object()) throw std::invalid_argument("PublishData::update needs a JSON object, got " + object.dump());
  for (const auto& [key, value] : object.items()) set(key, value);
}

void PublishData::erase(const std::string& key) { write(*m_bag, key, std::nullopt); }

nlohmann::json PublishData::get(const std::string& key) const {
  auto raw = lookup(*m_bag, key);
  return raw ? detail::decode_relation_value(*raw) : nlohmann::json();
}

void RawPublishData::set(const std::string& key, std::string value) { write(*m_bag, key, std::move(value)); }

void RawPublishData::erase(const std::string& key) { write(*m_bag, key, std::nullopt); }

std::optional<std::string> RawPublishData::get(const std::string& key) const { return lookup(*m_bag, key); }

std::map<std::string, std::string> RawPublishData::all() const {
  std::map<std::string, std::string> bag = current_bag(*m_bag);
  for (const auto& [key, value] : m_bag->pending) {
    if (value && !value->empty())
      bag[key] = *value;
    else
      bag.erase(key);  // Juju deletes a key set to ""
  }
  return bag;
}

}  // namespace charm
