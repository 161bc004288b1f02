#include "yaml/resolve_scalar.hpp"

#include <cmath>
#include <limits>
#include <regex>
#include <string>

namespace yaml {

namespace {

// The regexes follow the resolvers of ruamel.yaml (1.2) and PyYAML (1.1); they are compiled once.
struct Patterns {
  std::regex null12{R"(^(?:~|null|Null|NULL|)$)"};
  std::regex bool12{R"(^(?:true|True|TRUE|false|False|FALSE)$)"};
  std::regex int12{R"(^(?:[-+]?0b[0-1_]+|[-+]?0o[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$)"};
  std::regex float12{
      R"(^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$)"};
  std::regex timestamp{
      R"(^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?)$)"};
  std::regex bool11{R"(^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$)"};
  std::regex int11{
      R"(^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$)"};
  std::regex float11{
      R"(^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$)"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
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
  else
    d = std::stod(clean);
  return Value::floating(d, std::string(text));
}

// Most scalars are words; only these first characters can start a non-string (std::regex is
// slow enough that skipping it matters on a 10,000-file build).
bool may_be_non_string(std::string_view text) {
  if (text.empty()) return true;
  char c = text[0];
  return std::isdigit(static_cast<unsigned char>(c)) || std::string_view("+-.~tTfFnNyYoO").find(c) != std::string_view::npos;
}

}  // namespace

Value resolve_plain_scalar(std::string_view text, YamlVersion version) {
  if (!may_be_non_string(text)) return Value::string(std::string(text));
  const auto& p = patterns();
  std::string s(text);
  if (std::regex_match(s, p.null12)) return Value::null();
  if (version == YamlVersion::v1_2) {
    if (std::regex_match(s, p.bool12)) return Value::boolean(s[0] == 't' || s[0] == 'T');
    if (std::regex_match(s, p.int12)) return make_integer(s, version);
    if (std::regex_match(s, p.float12)) return make_float(s);
  } else {
    if (std::regex_match(s, p.bool11)) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
      return Value::boolean(c == 'y' || c == 't' || (c == 'o' && s.size() == 2));
    }
    if (std::regex_match(s, p.int11)) return make_integer(s, version);
    if (std::regex_match(s, p.float11)) return make_float(s);
  }
  if (std::regex_match(s, p.timestamp)) return Value::timestamp(s);
  return Value::string(s);
}

bool plain_text_is_ambiguous(std::string_view text) {
  if (!may_be_non_string(text)) return false;
  const auto& p = patterns();
  std::string s(text);
  return std::regex_match(s, p.null12) || std::regex_match(s, p.bool12) || std::regex_match(s, p.int12) ||
         std::regex_match(s, p.float12) || std::regex_match(s, p.timestamp) || std::regex_match(s, p.bool11) ||
         std::regex_match(s, p.int11) || std::regex_match(s, p.float11);
}

}  // namespace yaml
