#include "sim/scenario_match.hpp"

#include <regex>

#include "yaml/json_convert.hpp"

namespace sim::scenario {
using nlohmann::json;

namespace {

constexpr size_t k_shown_chars = 160;

// Texts from files may be any bytes: show bad UTF-8 as U+FFFD rather than throw.
std::string quote(const std::string& text) { return json(text).dump(-1, ' ', false, json::error_handler_t::replace); }

json to_plain_json(const yaml::Value& v) { return json::parse(yaml::to_json(v).dump()); }

bool scalars_equal(const yaml::Value& expected, const json& actual) {
  if (to_plain_json(expected) == actual) return true;
  // Relation data and action results are texts: `port: 7000` means "7000".
  if (actual.is_string() && !expected.is_null()) return expected.text() == actual.get<std::string>();
  if (expected.is_string() && (actual.is_number() || actual.is_boolean())) return expected.text() == actual.dump();
  return false;
}

// Keys below the prefix read "PREFIX key.sub[2]".
std::string join_path(const std::string& path, bool top, const std::string& key) {
  if (path.empty()) return key;
  return path + (top ? " " : ".") + key;
}

void match_into(const yaml::Value& expected, const json& actual, const std::string& path, bool top, std::vector<Failure>& out) {
  const int line = expected.mark().line;
  const std::string where = path.empty() ? "" : path + ": ";
  if (expected.is_mapping()) {
    if (!actual.is_object()) {
      out.push_back({line, where + "expected a mapping, got " + show(actual)});
      return;
    }
    for (const auto& [key, value] : expected.entries()) {
      const std::string name = key.text();
      const std::string sub = join_path(path, top, name);
      auto found = actual.find(name);
      const bool unset = found == actual.end() || found->is_null();
      if (value.is_null()) {
        if (!unset) out.push_back({key.mark().line, sub + ": expected unset, got " + show(*found)});
      } else if (unset) {
        std::string keys;
        for (const auto& [k, _] : actual.items()) keys += (keys.empty() ? "" : ", ") + k;
        out.push_back({key.mark().line, sub + ": expected " + show_expected(value) + ", got nothing (" +
                                            (keys.empty() ? "no keys at all" : "keys: " + keys) + ")"});
      } else {
        match_into(value, *found, sub, false, out);
      }
    }
    return;
  }
  if (expected.is_sequence()) {
    if (!actual.is_array() || actual.size() != expected.items().size()) {
      out.push_back({line, where + "expected " + show_expected(expected) + ", got " + show(actual)});
      return;
    }
    for (size_t i = 0; i < actual.size(); ++i)
      match_into(expected.items()[i], actual[i], path + "[" + std::to_string(i) + "]", false, out);
    return;
  }
  if (!scalars_equal(expected, actual)) out.push_back({line, where + "expected " + show_expected(expected) + ", got " + show(actual)});
}

// The first line where two multi-line texts differ: "line 3: expected "a", got "b"".
std::string first_difference(const std::string& expected, const std::string& actual) {
  size_t line = 1, start = 0;
  for (;;) {
    size_t e_end = expected.find('\n', start), a_end = actual.find('\n', start);
    std::string e = expected.substr(start, e_end == std::string::npos ? std::string::npos : e_end - start);
    std::string a = actual.substr(start, a_end == std::string::npos ? std::string::npos : a_end - start);
    const bool e_done = start >= expected.size(), a_done = start >= actual.size();
    if (e != a || e_end != a_end || e_done != a_done) {
      if (a_done) return "line " + std::to_string(line) + ": expected " + show_text(e) + ", got the end of the text";
      if (e_done) return "line " + std::to_string(line) + ": expected the end of the text, got " + show_text(a);
      return "line " + std::to_string(line) + ": expected " + show_text(e + (e_end == std::string::npos ? "" : "\n")) +
             ", got " + show_text(a + (a_end == std::string::npos ? "" : "\n"));
    }
    if (e_end == std::string::npos) return "";  // equal after all
    start = e_end + 1;
    ++line;
  }
}

}  // namespace

std::vector<Failure> match_partial(const yaml::Value& expected, const json& actual, const std::string& prefix) {
  std::vector<Failure> out;
  match_into(expected, actual, prefix, true, out);
  return out;
}

std::string match_text(const TextMatch& match, const std::string& actual) {
  for (const auto& [mode, text] : match.tests) {
    switch (mode) {
      case TextMatch::Mode::equals:
        if (actual == text) break;
        if (text.find('\n') != std::string::npos || actual.find('\n') != std::string::npos)
          if (text.size() + actual.size() > 2 * k_shown_chars / 3)
            return "differs at " + first_difference(text, actual);
        return "expected " + show_text(text) + ", got " + show_text(actual);
      case TextMatch::Mode::contains:
        if (actual.find(text) != std::string::npos) break;
        return "expected to contain " + show_text(text) + ", got " + show_text(actual);
      case TextMatch::Mode::excludes: {
        size_t at = actual.find(text);
        if (at == std::string::npos) break;
        // Show the line that has it, not the whole text.
        size_t from = actual.rfind('\n', at);
        size_t to = actual.find('\n', at);
        from = from == std::string::npos ? 0 : from + 1;
        return "expected not to contain " + show_text(text) + ", found in " +
               show_text(actual.substr(from, to == std::string::npos ? std::string::npos : to - from));
      }
      case TextMatch::Mode::matches:
        if (std::regex_search(actual, std::regex(text, std::regex::ECMAScript))) break;
        return "expected to match /" + text + "/, got " + show_text(actual);
    }
  }
  return "";
}

std::string show(const json& value) {
  if (value.is_string()) return show_text(value.get<std::string>());
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > k_shown_chars) text = text.substr(0, k_shown_chars) + "...";
  return text;
}

std::string show_text(const std::string& text) {
  if (text.size() <= k_shown_chars) return quote(text);
  // The end of a long text (a log) is where the news is.
  return quote("..." + text.substr(text.size() - k_shown_chars)) + " (" + std::to_string(text.size()) + " bytes)";
}

std::string show_expected(const yaml::Value& value) { return show(to_plain_json(value)); }

}  // namespace sim::scenario
