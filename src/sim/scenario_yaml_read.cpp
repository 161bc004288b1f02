#include "sim/scenario_yaml_read.hpp"

#include <algorithm>
#include <regex>

namespace sim::scenario {

namespace {

std::string quoted(const yaml::Value& v) {
  if (v.is_sequence()) return "a list";
  if (v.is_mapping()) return "a mapping";
  if (v.is_null()) return "nothing";
  return "\"" + v.text() + "\"";
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

void fail_at(const yaml::Value& at, const std::string& problem) { throw yaml::ParseError(at.mark(), problem); }

int line_of(const yaml::Value& key, const yaml::Value& value) {
  return value.mark().line > 0 ? value.mark().line : key.mark().line;
}

std::string read_text(const yaml::Value& v, const std::string& what) {
  if (!v.is_scalar() || v.is_null()) fail_at(v, what + " must be a text, got " + quoted(v));
  return v.text();
}

int read_int(const yaml::Value& v, const std::string& what, int minimum) {
  if (v.kind() != yaml::Value::Kind::integer || v.as_int() < minimum || v.as_int() > 1000000)
    fail_at(v, what + " must be a whole number >= " + std::to_string(minimum) + ", got " + quoted(v));
  return static_cast<int>(v.as_int());
}

bool read_bool(const yaml::Value& v, const std::string& what) {
  if (v.kind() != yaml::Value::Kind::boolean) fail_at(v, what + " must be true or false, got " + quoted(v));
  return v.as_bool();
}

std::vector<std::string> read_texts(const yaml::Value& v, const std::string& what) {
  if (!v.is_sequence()) return {read_text(v, what)};
  std::vector<std::string> out;
  for (const auto& item : v.items()) out.push_back(read_text(item, "each item of " + what));
  return out;
}

std::map<std::string, std::string> read_text_map(const yaml::Value& v, const std::string& what) {
  std::map<std::string, std::string> out;
  if (v.is_null()) return out;
  require_mapping(v, what);
  for (const auto& [key, value] : v.entries()) {
    const std::string name = read_text(key, "a key of " + what);
    if (value.is_null()) {
      out[name] = "";  // `key:` sets the empty text, as `key=` does on the command line
      continue;
    }
    out[name] = read_text(value, what + " \"" + name + "\"");
  }
  return out;
}

const yaml::Value& require_mapping(const yaml::Value& v, const std::string& what) {
  if (!v.is_mapping()) fail_at(v, what + " must be a mapping, got " + quoted(v));
  return v;
}

std::string nearest(const std::string& word, const std::vector<std::string>& names) {
  std::string best;
  size_t best_distance = 3;  // more than two edits is not a typo
  for (const auto& name : names) {
    size_t d = edit_distance(word, name);
    if (d < best_distance) best_distance = d, best = name;
  }
  return best;
}

void allow_keys(const yaml::Value& mapping, std::initializer_list<const char*> allowed, const std::string& what) {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& [key, _] : mapping.entries()) {
    if (std::find(names.begin(), names.end(), key.text()) != names.end()) continue;
    std::string hint = nearest(key.text(), names);
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    fail_at(key, "unknown key \"" + key.text() + "\" in " + what +
                     (hint.empty() ? " (known: " + list + ")" : " (did you mean \"" + hint + "\"?)"));
  }
}

const yaml::Value& require_key(const yaml::Value& mapping, const char* key, const std::string& what) {
  const yaml::Value* v = mapping.find(key);
  if (!v) fail_at(mapping, what + " needs \"" + key + "\"");
  return *v;
}

TextMatch read_text_match(const yaml::Value& v, TextMatch::Mode plain_mode, const std::string& what,
                          std::initializer_list<const char*> also_allowed) {
  TextMatch match;
  if (!v.is_mapping()) {
    match.tests.emplace_back(plain_mode, v.is_null() ? "" : read_text(v, what));
    return match;
  }
  static const std::vector<std::pair<const char*, TextMatch::Mode>> modes = {
      {"equals", TextMatch::Mode::equals},
      {"contains", TextMatch::Mode::contains},
      {"matches", TextMatch::Mode::matches},
      {"excludes", TextMatch::Mode::excludes}};
  std::vector<std::string> allowed = {"equals", "contains", "matches", "excludes"};
  allowed.insert(allowed.end(), also_allowed.begin(), also_allowed.end());
  for (const auto& [key, value] : v.entries()) {
    auto mode = std::find_if(modes.begin(), modes.end(), [&](const auto& m) { return key.text() == m.first; });
    if (mode == modes.end()) {
      if (std::find(allowed.begin(), allowed.end(), key.text()) != allowed.end()) continue;
      std::string hint = nearest(key.text(), allowed);
      fail_at(key, "unknown test \"" + key.text() + "\" for " + what +
                       (hint.empty() ? " (use equals, contains, matches or excludes)" : " (did you mean \"" + hint + "\"?)"));
    }
    for (const auto& text : read_texts(value, what + " " + key.text())) {
      if (mode->second == TextMatch::Mode::matches) {
        try {
          std::regex check(text, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
          fail_at(value, "bad regular expression \"" + text + "\" for " + what + ": " + e.what());
        }
      }
      match.tests.emplace_back(mode->second, text);
    }
  }
  return match;
}

}  // namespace sim::scenario
