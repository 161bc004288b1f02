// restart_on_change of charm/host.hpp: hash the watched files around a change, restart the
// services of those that changed.
#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "charm/host.hpp"
#include "runtime/md5.hpp"

namespace charm::host {
namespace {

// nullopt for a missing or unreadable file, so that appearing and disappearing are changes.
std::optional<std::string> content_hash(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return detail::md5_hex(content.str());
}

}  // namespace

std::vector<std::string> restart_on_change(const RestartMap& restart_map, const std::function<void()>& change,
                                           const InitSystem& init) {
  std::vector<std::optional<std::string>> before;
  for (const auto& [path, services] : restart_map) before.push_back(content_hash(path));
  change();
  std::vector<std::string> restarted;
  for (size_t i = 0; i < restart_map.size(); ++i) {
    const auto& [path, services] = restart_map[i];
    if (content_hash(path) == before[i]) continue;
    for (const auto& name : services) {
      if (std::find(restarted.begin(), restarted.end(), name) != restarted.end()) continue;
      service_restart(name, init);
      restarted.push_back(name);
    }
  }
  return restarted;
}

}  // namespace charm::host
