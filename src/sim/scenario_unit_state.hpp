// A unit's kv store as its charm left it: `.unit-state.db` in the charm dir, charm-helpers'
// unitdata schema (table kv(key, data) with JSON data). Opened read-only, between hooks.
#pragma once
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace sim::scenario {

struct UnitState {
  bool exists = false;  // false: the charm never opened its kv store
  std::map<std::string, nlohmann::json> kv;
  // charms.reactive: a flag is set while the key `reactive.states.<flag>` exists.
  bool flag_set(const std::string& flag) const { return kv.count("reactive.states." + flag) > 0; }
  std::vector<std::string> flags() const;
};

// Throws std::runtime_error naming the file when it exists but cannot be read.
UnitState read_unit_state(const std::filesystem::path& charm_dir);

}  // namespace sim::scenario
