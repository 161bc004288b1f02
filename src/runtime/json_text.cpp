// JSON text byte-compatible with Python's json.dumps, and a YAML-safe variant for relation-set.
#include "runtime/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string_view>

#include "charm/kv.hpp"

namespace charm {
namespace {

enum class Escape { ascii, yaml_safe };

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 if s[i] does not start a valid
// (shortest-form, non-surrogate) sequence.
size_t decode_utf8(std::string_view s, size_t i, char32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  if (len == 1) {
    cp = b0;
    return 1;
  }
  cp = b0 & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void append_u16(std::string& out, unsigned unit) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", unit);  // Python writes lower-case hex
  out += buf;
}

bool yaml_needs_escape(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE ||
         cp == 0xFFFF;
}

void append_string(std::string& out, std::string_view s, Escape mode) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      if (mode == Escape::yaml_safe) throw std::invalid_argument("relation data is not valid UTF-8");
      // Python reads undecodable bytes as surrogateescape code points U+DC80..U+DCFF.
      append_u16(out, 0xDC00 | static_cast<unsigned char>(s[i]));
      ++i;
      continue;
    }
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (mode == Escape::ascii ? (cp < 0x20 || cp >= 0x7F) : yaml_needs_escape(cp)) {
          if (cp >= 0x10000) {  // a surrogate pair, as Python's ensure_ascii writes
            append_u16(out, 0xD800 + ((cp - 0x10000) >> 10));
            append_u16(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
          } else {
            append_u16(out, cp);
          }
        } else {
          out.append(s.substr(i, len));
        }
    }
    i += len;
  }
  out += '"';
}

// Python's float repr: shortest round-trip digits, exponent form when the decimal point falls
// outside (-4, 16], "1e-07" style exponents, ".0" added to integral values.
void append_float(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
    return;
  }
  if (d == 0) {
    out += std::signbit(d) ? "-0.0" : "0.0";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);  // "-1.2345e+02"
  if (sci.front() == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos))
    if (c != '.') digits += c;
  int exponent = 0;
  std::string_view exp_text = sci.substr(e_pos + 1);
  if (exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  int decpt = exponent + 1;  // value = 0.DIGITS * 10^decpt
  int ndigits = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (ndigits > 1) out += '.' + digits.substr(1);
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%+03d", exponent);
    out += ebuf;
  } else if (decpt <= 0) {
    out += "0." + std::string(-decpt, '0') + digits;
  } else if (decpt >= ndigits) {
    out += digits + std::string(decpt - ndigits, '0') + ".0";
  } else {
    out += digits.substr(0, decpt) + '.' + digits.substr(decpt);
  }
}

void append_value(std::string& out, const nlohmann::json& v, Escape mode) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      out += "null";
      break;
    case nlohmann::json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      break;
    case nlohmann::json::value_t::number_integer:
      out += std::to_string(v.get<std::int64_t>());
      break;
    case nlohmann::json::value_t::number_unsigned:
      out += std::to_string(v.get<std::uint64_t>());
      break;
    case nlohmann::json::value_t::number_float:
      append_float(out, v.get<double>());
      break;
    case nlohmann::json::value_t::string:
      append_string(out, v.get_ref<const std::string&>(), mode);
      break;
    case nlohmann::json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v) {
        if (!first) out += ", ";
        first = false;
        append_value(out, item, mode);
      }
      out += ']';
      break;
    }
    case nlohmann::json::value_t::object: {
      // nlohmann::json keeps objects in a std::map: keys are already in byte order, which for
      // UTF-8 is code point order, the order of Python's sort_keys.
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.items()) {
        if (!first) out += ", ";
        first = false;
        append_string(out, key, mode);
        out += ": ";
        append_value(out, item, mode);
      }
      out += '}';
      break;
    }
    default:
      throw std::invalid_argument("JSON value of this type (binary/discarded) has no text form");
  }
}

}  // namespace

// sort_keys is accepted for the Python signature; nlohmann::json objects are always sorted.
std::string python_json_dumps(const nlohmann::json& value, bool /*sort_keys*/) {
  std::string out;
  append_value(out, value, Escape::ascii);
  return out;
}

std::string yaml_safe_json(const nlohmann::json& value) {
  std::string out;
  append_value(out, value, Escape::yaml_safe);
  return out;
}

}  // namespace charm
