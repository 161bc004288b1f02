#include "sim/unit_log.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>

#include "sim/unit_files.hpp"

namespace sim {
namespace fs = std::filesystem;

namespace {
std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof(out), "%s.%03lld", buf, static_cast<long long>(ms));
  return out;
}
}  // namespace

void UnitLog::write(const std::string& unit, const std::string& level, const std::string& source,
                    const std::string& text) const {
  fs::create_directories(m_dir);
  std::ofstream out(m_dir / (unit_dir_name(unit) + ".log"), std::ios::app);
  const std::string prefix = "unit-" + unit_dir_name(unit) + ": " + timestamp() + " " + level + " unit." + unit + "." + source + " ";
  // One log line per text line, so that multi-line output stays readable.
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!(line.empty() && end == std::string::npos && start > 0)) out << prefix << line << '\n';
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

std::vector<std::string> UnitLog::read(const std::vector<std::string>& units) const {
  std::vector<std::pair<std::string, std::string>> lines;  // (timestamp, line)
  std::error_code ec;
  if (!fs::is_directory(m_dir, ec)) return {};
  for (const auto& entry : fs::directory_iterator(m_dir)) {
    const std::string stem = entry.path().stem().string();
    if (!units.empty() && std::none_of(units.begin(), units.end(), [&](const std::string& u) { return unit_dir_name(u) == stem; }))
      continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      size_t colon = line.find(": ");
      lines.emplace_back(colon == std::string::npos ? "" : line.substr(colon + 2, 23), line);
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& l : lines) out.push_back(std::move(l.second));
  return out;
}

}  // namespace sim
