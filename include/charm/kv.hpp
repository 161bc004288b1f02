// The unit's key-value store: charm-helpers' unitdata schema in SQLite, so a unit can switch
// from the Python runtime. Everything written during a hook is one transaction that commits
// only when the hook succeeds; the destructor rolls back whatever was not committed.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace charm {

class KeyValueStore {
 public:
  // Opens or creates (mode 0600) the database and begins a transaction. ":memory:" works too.
  explicit KeyValueStore(const std::filesystem::path& path);
  ~KeyValueStore();
  KeyValueStore(KeyValueStore&&) noexcept;
  KeyValueStore& operator=(KeyValueStore&&) noexcept;

  std::optional<nlohmann::json> get(std::string_view key) const;
  // Skips the write when the stored JSON text is identical, as unitdata does.
  void set(std::string_view key, const nlohmann::json& value);
  void unset(std::string_view key);
  // Keys starting exactly with prefix (no LIKE wildcards), sorted; strip removes the prefix.
  std::map<std::string, nlohmann::json> get_range(std::string_view prefix, bool strip = false) const;
  void unset_range(std::string_view prefix);

  void commit();    // commits and begins a new transaction
  void rollback();  // drops every change since the last commit and begins a new transaction

  // $UNIT_STATE_DB, else $CHARM_DIR/.unit-state.db.
  static std::filesystem::path default_path();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// JSON text as Python's json.dumps writes it (", " and ": " separators, non-ASCII as \uXXXX),
// so hashes and relation payloads match Python peers byte for byte.
std::string python_json_dumps(const nlohmann::json& value, bool sort_keys = false);

}  // namespace charm
