// Expansion as charms.reactive's any_hook: endpoint groups first, then alternatives, one match
// at a time so that `{a,b}{c,d}` yields all four combinations.
#include "runtime/hook_patterns.hpp"

#include <functional>
#include <optional>
#include <string_view>

namespace charm::detail {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// A `{...}` group found in a pattern: [begin, end) including the braces.
struct Group {
  size_t begin = 0, end = 0;
};
using Finder = std::function<std::optional<Group>(const std::string&)>;
using Replacer = std::function<std::vector<std::string>(std::string_view inner)>;

// The leftmost `{NAME:NAME}` (charms.reactive's `\{([^:}]+):([^}]+)\}`).
std::optional<Group> find_endpoint_group(const std::string& v) {
  for (size_t open = v.find('{'); open != std::string::npos; open = v.find('{', open + 1)) {
    size_t colon = v.find_first_of(":}", open + 1);
    if (colon == std::string::npos || v[colon] != ':' || colon == open + 1) continue;
    size_t close = v.find('}', colon + 1);
    if (close == std::string::npos || close == colon + 1) continue;
    return Group{open, close + 1};
  }
  return std::nullopt;
}

// The leftmost `{a,b,...}` (charms.reactive's `\{((?:[^:,}]+,?)+)\}`): no ':', no empty
// part except a trailing one.
std::optional<Group> find_alternatives(const std::string& v) {
  for (size_t open = v.find('{'); open != std::string::npos; open = v.find('{', open + 1)) {
    size_t close = v.find_first_of(":}", open + 1);
    if (close == std::string::npos || v[close] != '}' || close == open + 1) continue;
    std::string_view body(v.data() + open + 1, close - open - 1);
    if (body.front() == ',' || body.find(",,") != std::string_view::npos) continue;
    return Group{open, close + 1};
  }
  return std::nullopt;
}

std::vector<std::string> expand(const Finder& find, const Replacer& replacements, std::vector<std::string> values) {
  bool again = true;
  while (again) {
    again = false;
    std::vector<std::string> next;
    for (const auto& value : values) {
      std::optional<Group> g = find(value);
      if (!g) {
        next.push_back(value);
        continue;
      }
      again = true;
      std::string before = value.substr(0, g->begin), after = value.substr(g->end);
      std::string_view inner(value.data() + g->begin + 1, g->end - g->begin - 2);
      for (const auto& r : replacements(inner)) next.push_back(before + r + after);
    }
    values = std::move(next);
  }
  return values;
}

std::vector<std::string> split_alternatives(std::string_view body) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t comma = body.find(',', start);
    // "{a,b,}" has an empty last part upstream too; an empty hook name matches nothing.
    parts.push_back(trim(std::string(body.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start))));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return parts;
}

}  // namespace

std::vector<std::string> expand_hook_patterns(const std::vector<std::string>& patterns, const CharmMetadata& metadata) {
  std::vector<std::string> values = expand(
      find_endpoint_group,
      [&](std::string_view inner) {
        size_t colon = inner.find(':');
        return metadata.endpoints_for(trim(std::string(inner.substr(0, colon))), trim(std::string(inner.substr(colon + 1))));
      },
      patterns);
  values = expand(find_alternatives, split_alternatives, values);
  for (auto& v : values) v = trim(v);
  return values;
}

}  // namespace charm::detail
