#include "yaml/dump.hpp"

#include <cmath>
#include <cstdio>

#include "yaml/resolve_scalar.hpp"

namespace yaml {

namespace {

bool is_printable_ascii(unsigned char c) { return c >= 0x20 && c < 0x7f; }

// Length of a UTF-8 sequence at s[i] that YAML readers treat as a line break or that is not
// printable (NEL, C1 controls, LS, PS, BOM): such characters must be written as escapes.
size_t special_unicode_at(const std::string& s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
  if (byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) return 2;  // C1 controls incl. NEL
  if (byte(i) == 0xC2 && byte(i + 1) == 0xA0) return 2;                         // NBSP: keep visible
  if (byte(i) == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9)) return 3;
  if (byte(i) == 0xEF && byte(i + 1) == 0xBB && byte(i + 2) == 0xBF) return 3;   // BOM
  if (byte(i) == 0xEF && byte(i + 1) == 0xBF && byte(i + 2) >= 0xBE) return 3;   // U+FFFE, U+FFFF
  return 0;
}

bool has_special_unicode(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i)
    if (special_unicode_at(s, i)) return true;
  return false;
}

// Plain style only for strings that cannot be misread: no indicators, no ": " or " #",
// nothing that resolves to another type under YAML 1.1 or 1.2.
bool can_be_plain(const std::string& s) {
  if (s.empty() || plain_text_is_ambiguous(s)) return false;
  static const std::string_view leading_indicators = "-?:,[]{}#&*!|>'\"%@`";
  if (leading_indicators.find(s.front()) != std::string_view::npos) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (has_special_unicode(s)) return false;
  // YAML 1.1 types "<<" (merge) and "=" (value), which PyYAML cannot construct; "..." at a
  // line start can end the document.
  if (s == "<<" || s == "=" || s.rfind("...", 0) == 0) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) continue;  // UTF-8 text stays readable
    if (!is_printable_ascii(c)) return false;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
    if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
  }
  return true;
}

std::string double_quoted(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    if (size_t n = special_unicode_at(s, i)) {
      unsigned code = n == 2 ? ((s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F)
                             : ((s[i] & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      char buffer[12];
      std::snprintf(buffer, sizeof buffer, code <= 0xFF ? "\\x%02X" : "\\u%04X", code);
      out += buffer;
      i += n - 1;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case 0: out += "\\0"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);  // UTF-8 bytes pass through
        }
    }
  }
  return out + "\"";
}

// A literal block (`|`) keeps multi-line text readable; only used when it round-trips exactly.
bool can_be_literal_block(const std::string& s) {
  if (s.find('\n') == std::string::npos) return false;
  if (s.front() == ' ' || s.front() == '\n') return false;  // would need an indentation indicator
  if (has_special_unicode(s)) return false;
  size_t line_start = 0;
  while (line_start < s.size()) {
    size_t nl = s.find('\n', line_start);
    size_t end = nl == std::string::npos ? s.size() : nl;
    std::string_view line(s.data() + line_start, end - line_start);
    for (unsigned char c : line)
      if (c < 0x20 && c != '\t') return false;
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) return false;
    if (nl == std::string::npos) break;
    line_start = nl + 1;
  }
  return true;
}

std::string scalar_text(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::null: return "null";
    case Value::Kind::boolean: return v.as_bool() ? "true" : "false";
    case Value::Kind::integer: return v.text();
    case Value::Kind::floating: {
      double d = v.as_double();
      if (std::isnan(d)) return ".nan";
      if (std::isinf(d)) return d < 0 ? "-.inf" : ".inf";
      // Shortest text that reads back as the same double and as a float under YAML 1.1 too.
      char buffer[64];
      for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, d);
        if (std::stod(buffer) == d) break;
      }
      std::string text = buffer;
      size_t e = text.find('e');
      std::string mantissa = text.substr(0, e), exponent = e == std::string::npos ? "" : text.substr(e);
      if (mantissa.find('.') == std::string::npos) mantissa += ".0";
      if (!exponent.empty() && exponent[1] != '-' && exponent[1] != '+') exponent.insert(1, "+");
      return mantissa + exponent;
    }
    case Value::Kind::timestamp: return v.text();
    case Value::Kind::string: return can_be_plain(v.text()) ? v.text() : double_quoted(v.text());
    default: return "";
  }
}

class Dumper {
 public:
  std::string take() { return std::move(m_out); }

  void document(const Value& v) {
    if (v.is_mapping() && v.size() > 0) return mapping_body(v, 0);
    if (v.is_sequence() && v.size() > 0) return sequence_body(v, 0);
    m_out += inline_value(v, 0) + "\n";
  }

 private:
  // Scalars and empty collections fit on the current line; multi-line strings become blocks.
  std::string inline_value(const Value& v, int indent) {
    if (v.is_mapping()) return "{}";
    if (v.is_sequence()) return "[]";
    if (v.is_string() && can_be_literal_block(v.text())) {
      const std::string& s = v.text();
      size_t trailing = 0;
      while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
      std::string header = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
      std::string body;
      std::string pad(indent + 2, ' ');
      size_t start = 0;
      std::string content = s.substr(0, s.size() - (trailing == 0 ? 0 : 1));
      while (start <= content.size()) {
        size_t nl = content.find('\n', start);
        size_t end = nl == std::string::npos ? content.size() : nl;
        std::string line = content.substr(start, end - start);
        body += "\n" + (line.empty() ? "" : pad + line);
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      return header + body;
    }
    return scalar_text(v);
  }

  static bool is_block_collection(const Value& v) { return (v.is_mapping() || v.is_sequence()) && v.size() > 0; }

  void mapping_body(const Value& map, int indent, bool first_line_started = false) {
    bool first = true;
    for (const auto& [key, value] : map.entries()) {
      if (!(first && first_line_started)) m_out += std::string(indent, ' ');
      first = false;
      std::string key_text = scalar_text(key);
      // Readers limit implicit keys to 1024 characters: long keys are written as explicit
      // keys (`? key` then `: value`), as ruamel does past 128.
      if (key_text.size() > 128) key_text = "? " + key_text + "\n" + std::string(indent, ' ');
      m_out += key_text + ":";
      if (value.is_mapping() && value.size() > 0) {
        m_out += "\n";
        mapping_body(value, indent + 2);
      } else if (value.is_sequence() && value.size() > 0) {
        m_out += "\n";
        sequence_body(value, indent);  // block lists sit in the key's column, as charm-tools writes them
      } else {
        m_out += " " + inline_value(value, indent) + "\n";
      }
    }
  }

  void sequence_body(const Value& seq, int indent, bool first_line_started = false) {
    bool first = true;
    for (const auto& item : seq.items()) {
      if (!(first && first_line_started)) m_out += std::string(indent, ' ');
      first = false;
      m_out += "- ";
      if (item.is_mapping() && item.size() > 0) {
        mapping_body(item, indent + 2, true);
      } else if (item.is_sequence() && item.size() > 0) {
        sequence_body(item, indent + 2, true);
      } else {
        m_out += inline_value(item, indent) + "\n";
      }
    }
  }

  std::string m_out;
};

}  // namespace

std::string dump(const Value& value) {
  Dumper dumper;
  dumper.document(value);
  return dumper.take();
}

}  // namespace yaml
