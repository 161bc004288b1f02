// The model's log, as `juju debug-log` shows it: one file per unit under MODEL/logs/, lines
// `unit-app-0: 2026-11-22 14:32:01 INFO unit.app/0.juju-log db:3: text`. Hook stdout is
// logged at DEBUG and stderr at WARNING, as the agent does.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace sim {

class UnitLog {
 public:
  explicit UnitLog(std::filesystem::path logs_dir) : m_dir(std::move(logs_dir)) {}
  // source: "juju-log", "install" (a hook's output), "uniter" (the agent itself), ...
  void write(const std::string& unit, const std::string& level, const std::string& source, const std::string& text) const;
  // Every line of the model (or of some units), in time order.
  std::vector<std::string> read(const std::vector<std::string>& units = {}) const;
  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::filesystem::path m_dir;
};

}  // namespace sim
