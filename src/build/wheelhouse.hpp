// wheelhouse.txt and wheelhouse-constraints.txt text merge (charm-tools' WheelhouseTactic).
// No wheels are built: the merged files are written for charms that still carry Python code.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "build/context.hpp"

namespace build {

// The package name of a requirement line, normalised for comparison; nullopt for blank,
// comment and option lines. Throws BuildError for a URL line without #egg=.
std::optional<std::string> requirement_name(const std::string& line);

// Accumulated requirement lines, combined layer by layer.
class RequirementLines {
 public:
  // A higher layer's lines: lines it overrides are commented out, then its block is appended
  // (with a "# URL" header when `header` is set, and a trailing empty line).
  void combine(const std::string& url, const std::vector<std::string>& lines, bool header);
  const std::vector<std::string>& lines() const { return m_lines; }
  bool empty() const { return m_lines.empty(); }

 private:
  std::vector<std::string> m_lines;
};

void render_wheelhouse(BuildContext& ctx);

}  // namespace build
