#include "sim/tools/yaml_scalar.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace sim::tools {

namespace {

unsigned char at(const std::string& s, size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// libyaml's IS_PRINTABLE (its emitter runs with unicode enabled, as yaml.v2 sets it).
bool printable(const std::string& s, size_t i) {
  const unsigned char b0 = at(s, i), b1 = at(s, i + 1), b2 = at(s, i + 2);
  return b0 == 0x0A || (b0 >= 0x20 && b0 <= 0x7E) || (b0 == 0xC2 && b1 >= 0xA0) || (b0 > 0xC2 && b0 < 0xED) ||
         (b0 == 0xED && b1 < 0xA0) || b0 == 0xEE ||
         (b0 == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

bool is_bom(const std::string& s, size_t i) { return at(s, i) == 0xEF && at(s, i + 1) == 0xBB && at(s, i + 2) == 0xBF; }

size_t char_width(const std::string& s, size_t i) {
  const unsigned char c = at(s, i);
  if ((c & 0x80) == 0) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

// End of text, a space, a tab or a line break: libyaml's is_blankz.
bool blank_or_end(const std::string& s, size_t i) {
  return i >= s.size() || s[i] == ' ' || s[i] == '\t' || break_length(s, i) > 0;
}

struct Analysis {
  bool block_plain_allowed = true, single_quoted_allowed = true, block_allowed = true;
};

// libyaml's yaml_emitter_analyze_scalar, for block context.
Analysis analyze(const std::string& s) {
  Analysis a;
  if (s.empty()) {
    a.block_allowed = false;
    return a;
  }
  bool block_indicators = s.rfind("---", 0) == 0 || s.rfind("...", 0) == 0;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false, previous_space = false, previous_break = false;
  bool line_breaks = false, special = false;
  bool preceded_by_whitespace = true;
  bool followed_by_whitespace = blank_or_end(s, char_width(s, 0));
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          block_indicators = true;
          break;
        case '?': case ':': case '-':
          if (followed_by_whitespace) block_indicators = true;
          break;
        default: break;
      }
    } else if ((c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace)) {
      block_indicators = true;
    }
    if (!printable(s, i) || is_bom(s, i)) special = true;
    const size_t width = char_width(s, i);
    if (c == ' ') {
      if (i == 0) leading_space = true;
      if (i + width >= s.size()) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (break_length(s, i) > 0) {
      line_breaks = true;
      if (i == 0) leading_break = true;
      if (i + width >= s.size()) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = previous_break = false;
    }
    preceded_by_whitespace = blank_or_end(s, i);
    i += width;
    if (i < s.size()) followed_by_whitespace = blank_or_end(s, i + char_width(s, i));
  }
  if (leading_space || leading_break || trailing_space || trailing_break) a.block_plain_allowed = false;
  if (trailing_space) a.block_allowed = false;
  if (break_space) a.block_plain_allowed = a.single_quoted_allowed = false;
  if (space_break || special) a.block_plain_allowed = a.single_quoted_allowed = a.block_allowed = false;
  if (line_breaks || block_indicators) a.block_plain_allowed = false;
  return a;
}

size_t digits_from(const std::string& s, size_t i, size_t& end) {
  end = i;
  while (end < s.size() && is_digit(s[end])) ++end;
  return end - i;
}

// Go's strconv.ParseInt(s, 0, 64) or ParseUint syntax: sign, 0x/0o/0b prefixes, leading-zero
// octal, else decimal.
bool go_int_syntax(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty()) return false;
  auto all = [&](std::string_view body, auto ok) {
    if (body.empty()) return false;
    for (char c : body)
      if (!ok(c)) return false;
    return true;
  };
  if (s.size() > 1 && s[0] == '0') {
    const char p = s[1];
    if (p == 'x' || p == 'X') return all(s.substr(2), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    if (p == 'o' || p == 'O') return all(s.substr(2), [](char c) { return c >= '0' && c <= '7'; });
    if (p == 'b' || p == 'B') return all(s.substr(2), [](char c) { return c == '0' || c == '1'; });
    return all(s.substr(1), [](char c) { return c >= '0' && c <= '7'; });
  }
  return all(s, [](char c) { return is_digit(c); });
}

// yaml.v2's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$, and the
// value must not overflow (strconv.ParseFloat's range error makes it a string again).
bool yaml_style_float(const std::string& s) {
  size_t i = 0, end = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    if (digits_from(s, i + 1, end) == 0) return false;
  } else {
    if (digits_from(s, i, end) == 0) return false;
    if (end < s.size() && s[end] == '.') digits_from(s, end + 1, end);
  }
  if (end < s.size() && (s[end] == 'e' || s[end] == 'E')) {
    size_t j = end + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (digits_from(s, j, end) == 0) return false;
  }
  return end == s.size() && std::isfinite(std::strtod(s.c_str(), nullptr));
}

int days_in_month(int month, int year) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// One or two digits in [lo, hi] (Go's time layout elements "1", "2", "15", "4", "5").
bool small_number(const std::string& s, size_t& i, int lo, int hi, int& value) {
  size_t end = 0;
  const size_t n = digits_from(s, i, end);
  if (n == 0) return false;
  if (n > 2) end = i + 2;
  value = std::atoi(s.substr(i, end - i).c_str());
  i = end;
  return value >= lo && value <= hi;
}

// yaml.v2's timestamp check: time.Parse with "2006-1-2", "2006-1-2 15:4:5.999999999" or
// "2006-1-2T15:4:5.999999999Z07:00" (T or t).
bool is_timestamp(const std::string& s) {
  size_t end = 0;
  if (digits_from(s, 0, end) != 4 || end >= s.size() || s[end] != '-') return false;
  const int year = std::atoi(s.substr(0, 4).c_str());
  size_t i = 5;
  int month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!small_number(s, i, 1, 12, month) || i >= s.size() || s[i] != '-') return false;
  ++i;
  if (!small_number(s, i, 1, 31, day) || day > days_in_month(month, year)) return false;
  if (i == s.size()) return true;
  const char sep = s[i];
  if (sep != ' ' && sep != 'T' && sep != 't') return false;
  ++i;
  if (!small_number(s, i, 0, 23, hour) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!small_number(s, i, 0, 59, minute) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!small_number(s, i, 0, 59, second)) return false;
  if (i < s.size() && s[i] == '.') {
    if (digits_from(s, i + 1, end) == 0) return false;
    i = end;
  }
  if (sep == ' ') return i == s.size();
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    // Z07:00: two-digit hours, a colon, two-digit minutes.
    return s.size() == i + 6 && is_digit(s[i + 1]) && is_digit(s[i + 2]) && s[i + 3] == ':' && is_digit(s[i + 4]) &&
           is_digit(s[i + 5]);
  }
  return false;
}

// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ (YAML 1.1 sexagesimal numbers).
bool is_base60_float(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i >= s.size() || !is_digit(s[i])) return false;
  while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    if (i + 1 < s.size() && s[i] >= '0' && s[i] <= '5' && is_digit(s[i + 1])) i += 2;
    else if (i < s.size() && is_digit(s[i])) i += 1;
    else return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  }
  return i == s.size();
}

}  // namespace

size_t break_length(const std::string& s, size_t i) {
  const unsigned char b0 = at(s, i);
  if (b0 == '\r' || b0 == '\n') return 1;
  if (b0 == 0xC2 && at(s, i + 1) == 0x85) return 2;
  if (b0 == 0xE2 && at(s, i + 1) == 0x80 && (at(s, i + 2) == 0xA8 || at(s, i + 2) == 0xA9)) return 3;
  return 0;
}

bool needs_escape(const std::string& s, size_t i) {
  return !printable(s, i) || is_bom(s, i) || break_length(s, i) > 0 || s[i] == '"' || s[i] == '\\';
}

bool resolves_to_non_string(const std::string& s) {
  if (s.empty()) return true;  // null
  const char c = s[0];
  const bool sign = c == '+' || c == '-', digit = is_digit(c), dot = c == '.';
  const bool in_map_hint = std::string_view("yYnNtTfFoO~").find(c) != std::string_view::npos;
  if (!sign && !digit && !dot && !in_map_hint) return false;
  static const char* const special[] = {
      "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No", "NO",
      "false", "False", "FALSE", "off", "Off", "OFF", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN",
      ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};
  for (const char* word : special)
    if (s == word) return true;
  if (in_map_hint) return false;
  if (dot) return yaml_style_float(s);
  if (digit && is_timestamp(s)) return true;
  std::string plain;
  for (char ch : s)
    if (ch != '_') plain += ch;
  if (go_int_syntax(plain) || yaml_style_float(plain)) return true;
  return false;
}

ScalarStyle choose_string_style(const std::string& s, bool simple_key) {
  ScalarStyle style = ScalarStyle::double_quoted;
  if (s.find('\n') != std::string::npos) style = ScalarStyle::literal;
  else if (!resolves_to_non_string(s) && !is_base60_float(s)) style = ScalarStyle::plain;
  const Analysis a = analyze(s);
  if (style == ScalarStyle::plain && (!a.block_plain_allowed || (s.empty() && simple_key)))
    style = ScalarStyle::single_quoted;
  if (style == ScalarStyle::single_quoted && !a.single_quoted_allowed) style = ScalarStyle::double_quoted;
  if (style == ScalarStyle::literal && (!a.block_allowed || simple_key)) style = ScalarStyle::double_quoted;
  return style;
}

std::string base64(const std::string& bytes) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (at(bytes, i) << 16) | (at(bytes, i + 1) << 8) | at(bytes, i + 2);
    out += {table[v >> 18], table[(v >> 12) & 63], table[(v >> 6) & 63], table[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = at(bytes, i) << 16;
    out += {table[v >> 18], table[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (at(bytes, i) << 16) | (at(bytes, i + 1) << 8);
    out += {table[v >> 18], table[(v >> 12) & 63], table[(v >> 6) & 63], '='};
  }
  return out;
}

}  // namespace sim::tools
