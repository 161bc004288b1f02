#include "proof/python_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace proof {

namespace {

// A YAML timestamp as PyYAML constructs it: a date, or a datetime with an optional UTC offset.
struct Timestamp {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0, microsecond = 0;
  bool has_offset = false;
  int offset_minutes = 0;
};

Timestamp parse_timestamp(const std::string& text) {
  static const std::regex pattern(
      R"(^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2}))"
      R"((?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$)");
  Timestamp t;
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return t;
  auto number = [&](int i) { return m[i].matched && m[i].length() > 0 ? std::stoi(m[i].str()) : 0; };
  t.year = number(1), t.month = number(2), t.day = number(3);
  if (!m[4].matched) return t;
  t.has_time = true;
  t.hour = number(4), t.minute = number(5), t.second = number(6);
  std::string fraction = m[7].str().substr(0, 6);
  while (!fraction.empty() && fraction.size() < 6) fraction += '0';
  t.microsecond = fraction.empty() ? 0 : std::stoi(fraction);
  if (m[8].matched) {
    t.has_offset = true;
    t.offset_minutes = (number(10) * 60 + number(11)) * (m[9].str() == "-" ? -1 : 1);
  }
  return t;
}

std::string format(const char* fmt, int a, int b, int c) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

std::string timestamp_str(const std::string& text) {
  Timestamp t = parse_timestamp(text);
  std::string out = format("%04d-%02d-%02d", t.year, t.month, t.day);
  if (!t.has_time) return out;
  out += format(" %02d:%02d:%02d", t.hour, t.minute, t.second);
  if (t.microsecond) out += format(".%06d", t.microsecond, 0, 0);
  if (t.has_offset) {
    int offset = std::abs(t.offset_minutes);
    out += (t.offset_minutes < 0 ? "-" : "+") + format("%02d:%02d", offset / 60, offset % 60, 0);
  }
  return out;
}

std::string timestamp_repr(const std::string& text) {
  Timestamp t = parse_timestamp(text);
  std::string fields = format("%d, %d, %d", t.year, t.month, t.day);
  if (!t.has_time) return "datetime.date(" + fields + ")";
  fields += format(", %d, %d", t.hour, t.minute, 0);
  if (t.second || t.microsecond) fields += format(", %d", t.second, 0, 0);
  if (t.microsecond) fields += format(", %d", t.microsecond, 0, 0);
  if (t.has_offset) {
    if (t.offset_minutes == 0) {
      fields += ", tzinfo=datetime.timezone.utc";
    } else {
      // timedelta normalizes negative offsets to days=-1 plus positive seconds.
      int seconds = t.offset_minutes * 60;
      std::string delta = seconds < 0 ? format("days=-1, seconds=%d", 86400 + seconds, 0, 0) : format("seconds=%d", seconds, 0, 0);
      fields += ", tzinfo=datetime.timezone(datetime.timedelta(" + delta + "))";
    }
  }
  return "datetime.datetime(" + fields + ")";
}

std::string join_items(const yaml::Value& value) {
  std::string out;
  for (const auto& item : value.items()) out += (out.empty() ? "" : ", ") + py_repr(item);
  return out;
}

std::string join_entries(const yaml::Value& value) {
  std::string out;
  for (const auto& [key, item] : value.entries()) out += (out.empty() ? "" : ", ") + py_repr(key) + ": " + py_repr(item);
  return out;
}

// Decodes one UTF-8 sequence at text[i]; invalid bytes come back as themselves.
char32_t decode_utf8(std::string_view text, size_t& i) {
  auto byte = static_cast<unsigned char>(text[i++]);
  int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
  char32_t cp = extra == 3 ? byte & 0x07 : extra == 2 ? byte & 0x0F : extra == 1 ? byte & 0x1F : byte;
  for (int k = 0; k < extra && i < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
  return cp;
}

}  // namespace

std::string py_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string sci(buf, result.ptr);  // shortest round-trip: "-1.2345e+02"
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  std::string digits = sci.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  std::string out;
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out = "0." + std::string(-exponent - 1, '0') + digits;
    } else if (static_cast<int>(digits.size()) <= exponent + 1) {
      out = digits + std::string(exponent + 1 - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp_buf;
  }
  return negative ? "-" + out : out;
}

std::string py_repr_string(std::string_view text) {
  char quote = (text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos) ? '"' : '\'';
  std::string out(1, quote);
  char buf[16];
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = decode_utf8(text, i);
    if (cp == '\\' || cp == static_cast<char32_t>(quote)) {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200F)) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out + quote;
}

std::string py_str(const yaml::Value& value) {
  using Kind = yaml::Value::Kind;
  switch (value.kind()) {
    case Kind::null: return "None";
    case Kind::boolean: return value.as_bool() ? "True" : "False";
    case Kind::integer: return value.text();
    case Kind::floating: return py_float_repr(value.as_double());
    case Kind::timestamp: return timestamp_str(value.text());
    case Kind::string: return value.text();
    case Kind::sequence: return "[" + join_items(value) + "]";
    case Kind::mapping: return "{" + join_entries(value) + "}";
  }
  return {};
}

std::string py_repr(const yaml::Value& value) {
  if (value.is_string()) return py_repr_string(value.text());
  if (value.kind() == yaml::Value::Kind::timestamp) return timestamp_repr(value.text());
  return py_str(value);
}

std::string py_type_name(const yaml::Value& value) {
  using Kind = yaml::Value::Kind;
  switch (value.kind()) {
    case Kind::null: return "NoneType";
    case Kind::boolean: return "bool";
    case Kind::integer: return "int";
    case Kind::floating: return "float";
    case Kind::timestamp: return parse_timestamp(value.text()).has_time ? "datetime" : "date";
    case Kind::string: return "str";
    case Kind::sequence: return "list";
    case Kind::mapping: return "dict";
  }
  return {};
}

size_t py_len(std::string_view utf8) {
  size_t count = 0;
  for (char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

bool py_is_blank(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool space = u == ' ' || (u >= 0x09 && u <= 0x0D) || (u >= 0x1C && u <= 0x1F);
    if (!space) return false;
  }
  return true;
}

PyInt py_int_of_text(std::string_view text) {
  size_t begin = 0, end = text.size();
  auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F); };
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  std::string_view body = text.substr(begin, end - begin);
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body.empty()) return PyInt::invalid;
  bool nonzero = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '_') {
      // One underscore at a time, only between digits.
      if (i == 0 || i + 1 == body.size() || body[i + 1] == '_') return PyInt::invalid;
    } else if (c >= '0' && c <= '9') {
      nonzero = nonzero || c != '0';
    } else {
      return PyInt::invalid;
    }
  }
  return negative && nonzero ? PyInt::negative : PyInt::non_negative;
}

bool py_match_to_end(const std::regex& pattern, const std::string& text) {
  if (std::regex_match(text, pattern)) return true;
  return !text.empty() && text.back() == '\n' && std::regex_match(text.substr(0, text.size() - 1), pattern);
}

}  // namespace proof
