// Go's spellings of numbers and quoted strings (strconv, encoding/json), which the tools'
// output and error messages reproduce.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sim/tools/format.hpp"
#include "sim/tools/utf8.hpp"

namespace sim::tools {

// --- Go number spellings ----------------------------------------------------------------

namespace {

// The shortest decimal digits that round-trip, with Go's decimal point position
// (value = 0.DIGITS x 10^point), as strconv computes them.
struct ShortestDigits {
  std::string digits;
  int point = 0;
};

ShortestDigits shortest_digits(double d) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), std::fabs(d), std::chars_format::scientific);
  std::string text(buf, res.ptr);  // "1.2345e+06"
  size_t e = text.find('e');
  ShortestDigits out;
  for (size_t i = 0; i < e; ++i)
    if (text[i] != '.') out.digits += text[i];
  out.point = std::stoi(text.substr(e + 1)) + 1;
  return out;
}

std::string fixed_notation(const ShortestDigits& s) {
  const int n = static_cast<int>(s.digits.size());
  if (s.point <= 0) return "0." + std::string(-s.point, '0') + s.digits;
  if (s.point >= n) return s.digits + std::string(s.point - n, '0');
  return s.digits.substr(0, s.point) + "." + s.digits.substr(s.point);
}

std::string exponent_notation(const ShortestDigits& s) {
  std::string out(1, s.digits[0]);
  if (s.digits.size() > 1) out += "." + s.digits.substr(1);
  const int exp = s.point - 1;
  out += exp < 0 ? "e-" : "e+";
  if (std::abs(exp) < 10) out += '0';
  return out + std::to_string(std::abs(exp));
}

}  // namespace

std::string go_float_json(double d) {
  if (!std::isfinite(d)) return "null";  // Go refuses these; the tools never produce them
  if (d == 0) return std::signbit(d) ? "-0" : "0";
  const ShortestDigits s = shortest_digits(d);
  const double a = std::fabs(d);
  std::string out = a < 1e-6 || a >= 1e21 ? exponent_notation(s) : fixed_notation(s);
  // encoding/json cleans e-09 up to e-9.
  const size_t n = out.size();
  if (n >= 4 && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0') out.erase(n - 2, 1);
  return (d < 0 ? "-" : "") + out;
}

std::string go_float_g(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
  if (d == 0) return std::signbit(d) ? "-0" : "0";
  const ShortestDigits s = shortest_digits(d);
  const int exp = s.point - 1;
  // Shortest 'g' switches to an exponent below 1e-4 and from 1e+06 (eprec 6).
  std::string out = exp < -4 || exp >= 6 ? exponent_notation(s) : fixed_notation(s);
  return (d < 0 ? "-" : "") + out;
}

// --- strconv.Quote --------------------------------------------------------------------

std::string go_quote(const std::string& s) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t n = decode_utf8(s, i, cp);
    if (n == 0) {
      out += "\\x";
      out += hex[cp >> 4];
      out += hex[cp & 0xF];
      ++i;
      continue;
    }
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (cp < 0x20 || cp == 0x7F) {
          out += "\\x";
          out += hex[cp >> 4];
          out += hex[cp & 0xF];
        } else if ((cp >= 0x80 && cp < 0xA0) || cp == 0xAD || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
          char buf[16];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(cp));
          out += buf;
        } else {
          out.append(s, i, n);
        }
    }
    i += n;
  }
  return out + "\"";
}

std::string go_quote_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? " " : "") + go_quote(items[i]);
  return out + "]";
}

}  // namespace sim::tools
