#include "sim/scenario_unit_state.hpp"

#include <sqlite3.h>

#include <memory>
#include <stdexcept>

namespace sim::scenario {

namespace {
const std::string k_flag_prefix = "reactive.states.";
}

std::vector<std::string> UnitState::flags() const {
  std::vector<std::string> out;
  for (auto it = kv.lower_bound(k_flag_prefix); it != kv.end() && it->first.rfind(k_flag_prefix, 0) == 0; ++it)
    out.push_back(it->first.substr(k_flag_prefix.size()));
  return out;
}

UnitState read_unit_state(const std::filesystem::path& charm_dir) {
  UnitState state;
  const std::filesystem::path file = charm_dir / ".unit-state.db";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return state;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> db(raw, &sqlite3_close_v2);
  auto fail = [&](const std::string& what) {
    return std::runtime_error("cannot read " + file.string() + ": " + what + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
  };
  if (rc != SQLITE_OK) throw fail("open");
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_stmt* raw_stmt = nullptr;
  state.exists = true;
  if (sqlite3_prepare_v2(raw, "SELECT key, data FROM kv", -1, &raw_stmt, nullptr) != SQLITE_OK) {
    if (std::string(sqlite3_errmsg(raw)).find("no such table") != std::string::npos) return state;  // created, never written
    throw fail("query");
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw_stmt, &sqlite3_finalize);
  int step;
  while ((step = sqlite3_step(raw_stmt)) == SQLITE_ROW) {
    const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(raw_stmt, 0));
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(raw_stmt, 1));
    if (!key) continue;
    // Values are JSON; anything else (written by another tool) is kept as its text.
    nlohmann::json value = nlohmann::json::parse(data ? data : "null", nullptr, false);
    state.kv[key] = value.is_discarded() ? nlohmann::json(data) : value;
  }
  if (step != SQLITE_DONE) throw fail("read");
  return state;
}

}  // namespace sim::scenario
