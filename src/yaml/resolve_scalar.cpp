#include "yaml/resolve_scalar.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace yaml {

namespace {

// Hand-written recognisers for the implicit types of ruamel's YAML 1.2 resolver and PyYAML's
// 1.1 resolver (the regexes are quoted above each). std::regex was too slow to even compile
// here: its construction alone cost a third of a no-op build.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : m_text(text) {}
  bool done() const { return m_pos == m_text.size(); }
  bool eat(char c) {
    if (m_pos < m_text.size() && m_text[m_pos] == c) return ++m_pos, true;
    return false;
  }
  bool eat_any(std::string_view chars) {
    if (m_pos < m_text.size() && chars.find(m_text[m_pos]) != std::string_view::npos) return ++m_pos, true;
    return false;
  }
  bool eat_word(std::string_view word) {
    if (m_text.substr(m_pos, word.size()) == word) return m_pos += word.size(), true;
    return false;
  }
  // Eats characters from `chars` (at least `min`); returns how many.
  size_t eat_run(std::string_view chars, size_t min = 0) {
    size_t start = m_pos;
    while (m_pos < m_text.size() && chars.find(m_text[m_pos]) != std::string_view::npos) ++m_pos;
    if (m_pos - start < min) m_pos = start;
    return m_pos - start;
  }
  size_t pos() const { return m_pos; }
  void reset(size_t pos) { m_pos = pos; }

 private:
  std::string_view m_text;
  size_t m_pos = 0;
};

constexpr std::string_view digits = "0123456789";
constexpr std::string_view digits_ = "0123456789_";
constexpr std::string_view octal_ = "01234567_";
constexpr std::string_view binary_ = "01_";
constexpr std::string_view hex_ = "0123456789abcdefABCDEF_";

bool one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (text == w) return true;
  return false;
}

bool is_null(std::string_view t) { return one_of(t, {"", "~", "null", "Null", "NULL"}); }
bool is_bool12(std::string_view t) { return one_of(t, {"true", "True", "TRUE", "false", "False", "FALSE"}); }
bool is_bool11(std::string_view t) {
  return is_bool12(t) || one_of(t, {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"});
}

// [-+]?0b[0-1_]+ | [-+]?0o[0-7_]+ | [-+]?[0-9_]+ | [-+]?0x[0-9a-fA-F_]+
bool is_int12(std::string_view t) {
  Scanner s(t);
  s.eat_any("+-");
  size_t p = s.pos();
  if (s.eat_word("0b")) return s.eat_run(binary_, 1) && s.done();
  if (s.eat_word("0o")) return s.eat_run(octal_, 1) && s.done();
  if (s.eat_word("0x")) return s.eat_run(hex_, 1) && s.done();
  s.reset(p);
  return s.eat_run(digits_, 1) && s.done();
}

// [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+
bool is_int11(std::string_view t) {
  Scanner s(t);
  s.eat_any("+-");
  size_t p = s.pos();
  if (s.eat_word("0b")) return s.eat_run(binary_, 1) && s.done();
  if (s.eat_word("0x")) return s.eat_run(hex_, 1) && s.done();
  if (s.eat('0')) return s.done() || (s.eat_run(octal_, 1) && s.done());
  s.reset(p);
  if (!s.eat_any("123456789")) return false;
  s.eat_run(digits_);
  if (s.done()) return true;
  bool sexagesimal = false;
  while (s.eat(':')) {
    size_t n = s.eat_run(digits);
    // [0-5]?[0-9]: one digit, or two with the first in 0-5
    if (n == 0 || n > 2 || (n == 2 && t[s.pos() - 2] > '5')) return false;
    sexagesimal = true;
  }
  return sexagesimal && s.done();
}

// [eE][-+]?[0-9]+ (sign optional when `sign_optional`)
bool eat_exponent(Scanner& s, bool sign_optional) {
  size_t p = s.pos();
  if (!s.eat_any("eE")) return true;
  if (!s.eat_any("+-") && !sign_optional) return s.reset(p), false;
  if (!s.eat_run(digits, 1)) return s.reset(p), false;
  return true;
}

bool is_inf_or_nan(Scanner& s, size_t after_sign, bool had_sign) {
  s.reset(after_sign);
  if (s.eat_word(".inf") || s.eat_word(".Inf") || s.eat_word(".INF")) return s.done();
  s.reset(after_sign);
  if (!had_sign && (s.eat_word(".nan") || s.eat_word(".NaN") || s.eat_word(".NAN"))) return s.done();
  return false;
}

// 1.2: [-+]?([0-9][0-9_]*)\.[0-9_]*([eE][-+]?[0-9]+)? | [-+]?([0-9][0-9_]*)([eE][-+]?[0-9]+)
//      | \.[0-9_]+([eE][-+][0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
bool is_float12(std::string_view t) {
  Scanner s(t);
  bool sign = s.eat_any("+-");
  size_t after_sign = s.pos();
  if (s.eat_any(digits)) {
    s.eat_run(digits_);
    if (s.eat('.')) {
      s.eat_run(digits_);
      return eat_exponent(s, true) && s.done();
    }
    return s.eat_any("eE") && (s.eat_any("+-"), s.eat_run(digits, 1)) && s.done();
  }
  if (!sign && s.eat('.') && s.eat_run(digits_, 1)) return eat_exponent(s, false) && s.done();
  return is_inf_or_nan(s, after_sign, sign);
}

// 1.1: [-+]?([0-9][0-9_]*)\.[0-9_]*([eE][-+][0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)?
//      | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
bool is_float11(std::string_view t) {
  Scanner s(t);
  bool sign = s.eat_any("+-");
  size_t after_sign = s.pos();
  if (s.eat_any(digits)) {
    s.eat_run(digits_);
    bool sexagesimal = false;
    while (s.eat(':')) {
      size_t n = s.eat_run(digits);
      if (n == 0 || n > 2 || (n == 2 && t[s.pos() - 2] > '5')) return false;
      sexagesimal = true;
    }
    if (!s.eat('.')) return false;
    s.eat_run(digits_);
    if (sexagesimal) return s.done();
    return eat_exponent(s, false) && s.done();
  }
  if (!sign && s.eat('.') && s.eat_run(digits_, 1)) return eat_exponent(s, false) && s.done();
  return is_inf_or_nan(s, after_sign, sign);
}

// [0-9]{4}-[0-9]{2}-[0-9]{2} | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(T|t|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?
bool is_timestamp(std::string_view t) {
  Scanner s(t);
  auto n_digits = [&](size_t min, size_t max) {
    size_t p = s.pos();
    size_t n = s.eat_run(digits);
    if (n < min || n > max) return s.reset(p), false;
    return true;
  };
  if (!(n_digits(4, 4) && s.eat('-') && n_digits(1, 2) && s.eat('-') && n_digits(1, 2))) return false;
  if (s.done()) return t.size() == 10;  // a date alone is [0-9]{4}-[0-9]{2}-[0-9]{2}
  if (!s.eat_any("Tt") && !s.eat_run(" \t", 1)) return false;
  if (!(n_digits(1, 2) && s.eat(':') && n_digits(2, 2) && s.eat(':') && n_digits(2, 2))) return false;
  if (s.eat('.')) s.eat_run(digits);
  if (s.done()) return true;
  s.eat_run(" \t");
  if (s.eat('Z')) return s.done();
  if (!s.eat_any("+-") || !n_digits(1, 2)) return false;
  if (s.eat(':') && !n_digits(2, 2)) return false;
  return s.done();
}

std::string without_underscores(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != '_') out += c;
  return out;
}

Value make_integer(std::string_view text, YamlVersion version) {
  std::string digits = without_underscores(text);
  bool negative = false;
  size_t pos = 0;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    pos = 1;
  }
  int base = 10;
  std::string body = digits.substr(pos);
  if (body.empty()) return Value::string(std::string(text));  // "_" alone: no digits at all
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    base = 16;
    body = body.substr(2);
  } else if (body.size() > 2 && body[0] == '0' && body[1] == 'b') {
    base = 2;
    body = body.substr(2);
  } else if (body.size() > 2 && body[0] == '0' && body[1] == 'o') {
    base = 8;
    body = body.substr(2);
  } else if (version == YamlVersion::v1_1 && body.size() > 1 && body[0] == '0') {
    base = 8;
  } else if (version == YamlVersion::v1_1 && body.find(':') != std::string::npos) {
    // Sexagesimal (1.1 only): 1:20 == 80.
    long long total = 0;
    size_t start = 0;
    while (start <= body.size()) {
      size_t colon = body.find(':', start);
      if (colon == std::string::npos) colon = body.size();
      total = total * 60 + std::stoll(body.substr(start, colon - start));
      start = colon + 1;
    }
    return Value::integer(negative ? -total : total);
  }
  unsigned long long magnitude = 0;
  bool overflow = false;
  for (char c : body) {
    int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    if (magnitude > (std::numeric_limits<unsigned long long>::max() - digit) / base) overflow = true;
    magnitude = magnitude * base + digit;
  }
  if (overflow || magnitude > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
    if (base == 10) return Value::big_integer((negative ? "-" : "") + body);
    return Value::string(std::string(text));  // too large to represent faithfully: keep it as written
  }
  long long value = static_cast<long long>(magnitude);
  return Value::integer(negative ? -value : value);
}

Value make_float(std::string_view text) {
  std::string clean = without_underscores(text);
  std::string lower;
  for (char c : clean) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double d;
  if (lower.find(".inf") != std::string::npos)
    d = lower[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  else if (lower.find(".nan") != std::string::npos)
    d = std::numeric_limits<double>::quiet_NaN();
  else if (clean.find(':') != std::string::npos) {
    // Sexagesimal (1.1 only): 1:20.5 == 80.5.
    size_t start = (clean[0] == '-' || clean[0] == '+') ? 1 : 0;
    d = 0;
    for (size_t colon; (colon = clean.find(':', start)) != std::string::npos; start = colon + 1)
      d = d * 60 + std::stod(clean.substr(start, colon - start));
    d = d * 60 + std::stod(clean.substr(start));
    if (clean[0] == '-') d = -d;
  } else
    d = std::stod(clean);
  return Value::floating(d, std::string(text));
}

// Most scalars are words; only these first characters can start a non-string (std::regex is
// slow enough that skipping it matters on a 10,000-file build).
bool may_be_non_string(std::string_view text) {
  if (text.empty()) return true;
  char c = text[0];
  return std::isdigit(static_cast<unsigned char>(c)) || std::string_view("+-._~tTfFnNyYoO").find(c) != std::string_view::npos;
}

}  // namespace

Value resolve_plain_scalar(std::string_view text, YamlVersion version) {
  if (!may_be_non_string(text)) return Value::string(std::string(text));
  std::string s(text);
  if (is_null(s)) return Value::null();
  if (version == YamlVersion::v1_2) {
    if (is_bool12(s)) return Value::boolean(s[0] == 't' || s[0] == 'T');
    if (is_int12(s)) return make_integer(s, version);
    if (is_float12(s)) return make_float(s);
  } else {
    if (is_bool11(s)) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
      return Value::boolean(c == 'y' || c == 't' || (c == 'o' && s.size() == 2));
    }
    if (is_int11(s)) return make_integer(s, version);
    if (is_float11(s)) return make_float(s);
  }
  if (is_timestamp(s)) return Value::timestamp(s);
  return Value::string(s);
}

bool plain_text_is_ambiguous(std::string_view text) {
  if (!may_be_non_string(text)) return false;
  // y/n: not booleans for PyYAML, but they are for Go's yaml.v2 (Juju) and ruamel's 1.1.
  return is_null(text) || is_bool12(text) || is_bool11(text) || one_of(text, {"y", "Y", "n", "N"}) || is_int12(text) || is_int11(text) ||
         is_float12(text) || is_float11(text) || is_timestamp(text);
}

}  // namespace yaml
