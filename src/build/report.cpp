#include "build/report.hpp"

#include <algorithm>
#include <cstdio>

namespace build {

std::string format_report(bool had_previous_build, const WriteResult& result) {
  const std::string rule(39, '-');
  std::string out = "\n" + rule + "\n              Build Report\n" + rule + "\n";
  if (!had_previous_build) return out + "New build; all files were modified.\n";
  std::vector<std::pair<std::string, std::string>> lines;  // relpath, marker
  for (const auto& f : result.added) lines.emplace_back(f, " + ");
  for (const auto& f : result.modified) lines.emplace_back(f, "   ");
  for (const auto& f : result.removed) lines.emplace_back(f, " - ");
  if (lines.empty()) return out + "No new changes; no files were modified.\n";
  std::sort(lines.begin(), lines.end());
  for (const auto& [relpath, marker] : lines) out += marker + relpath + "\n";
  return out;
}

void print_report(bool had_previous_build, const WriteResult& result) {
  std::fputs(format_report(had_previous_build, result).c_str(), stdout);
  std::fflush(stdout);
}

}  // namespace build
