// Small helpers of charm/runtime.hpp: data_changed and workload status.
#include <string>

#include "charm/runtime.hpp"
#include "runtime/md5.hpp"

namespace charm {

// As charms.reactive helpers.data_changed: md5 of json.dumps(data, sort_keys=True), so the
// stored hashes stay valid across a switch from the Python runtime.
bool data_changed(const std::string& id, const nlohmann::json& data) {
  std::string key = "reactive.data_changed." + id;
  std::string new_hash = detail::md5_hex(python_json_dumps(data, true));
  auto old_hash = kv().get(key);
  kv().set(key, new_hash);
  return !old_hash || *old_hash != nlohmann::json(new_hash);
}

namespace status {
void maintenance(std::string_view message) { hookcmd::status_set("maintenance", message); }
void blocked(std::string_view message) { hookcmd::status_set("blocked", message); }
void waiting(std::string_view message) { hookcmd::status_set("waiting", message); }
void active(std::string_view message) { hookcmd::status_set("active", message); }
}  // namespace status

}  // namespace charm
