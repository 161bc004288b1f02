// Expansion as charms.reactive's any_hook: endpoint groups first, then alternatives, one match
// at a time so that `{a,b}{c,d}` yields all four combinations.
#include "runtime/hook_patterns.hpp"

#include <functional>
#include <regex>

namespace charm::detail {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

using Replacer = std::function<std::vector<std::string>(const std::smatch&)>;

std::vector<std::string> expand(const std::regex& pattern, const Replacer& replacements,
                                std::vector<std::string> values) {
  bool again = true;
  while (again) {
    again = false;
    std::vector<std::string> next;
    for (const auto& value : values) {
      std::smatch m;
      if (!std::regex_search(value, m, pattern)) {
        next.push_back(value);
        continue;
      }
      again = true;
      std::string before = m.prefix().str(), after = m.suffix().str();
      for (const auto& r : replacements(m)) next.push_back(before + r + after);
    }
    values = std::move(next);
  }
  return values;
}

}  // namespace

std::vector<std::string> expand_hook_patterns(const std::vector<std::string>& patterns, const CharmMetadata& metadata) {
  static const std::regex endpoint_group(R"(\{([^:}]+):([^}]+)\})");
  static const std::regex alternatives(R"(\{((?:[^:,}]+,?)+)\})");
  std::vector<std::string> values = expand(
      endpoint_group,
      [&](const std::smatch& m) { return metadata.endpoints_for(trim(m[1].str()), trim(m[2].str())); }, patterns);
  values = expand(
      alternatives,
      [](const std::smatch& m) {
        std::vector<std::string> parts;
        std::string body = m[1].str();
        size_t start = 0;
        while (true) {
          size_t comma = body.find(',', start);
          std::string part = trim(body.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
          // "{a,b,}" has an empty last part upstream too; an empty hook name matches nothing.
          parts.push_back(part);
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        return parts;
      },
      values);
  for (auto& v : values) v = trim(v);
  return values;
}

}  // namespace charm::detail
