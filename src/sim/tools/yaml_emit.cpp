// format_yaml(): what gopkg.in/yaml.v2 (v2.4, used by juju/cmd) marshals, byte for byte for
// the values hook tools print: block style, map keys in yaml.v2's "natural" order, strings
// plain when they would read back as the same string, else quoted; multi-line strings as `|`
// blocks; long plain lines folded at 80 columns as libyaml's emitter does.
#include <algorithm>
#include <cstdio>

#include "sim/tools/format.hpp"
#include "sim/tools/utf8.hpp"
#include "sim/tools/yaml_scalar.hpp"

namespace sim::tools {

namespace {

class Emitter {
 public:
  std::string out;

  void document(const GoValue& root) {
    node(root, false);
    m_indent = -1;
    write_indent();  // document end
  }

 private:
  static constexpr int best_indent = 2;
  static constexpr int best_width = 80;
  int m_indent = -1;
  int m_column = 0;
  bool m_whitespace = true;
  bool m_indention = true;

  void put(char c) {
    out += c;
    ++m_column;
  }
  void put_break() {
    out += '\n';
    m_column = 0;
  }
  // One character (a whole UTF-8 sequence counts as one column).
  void write_char(const std::string& s, size_t& i) {
    char32_t cp;
    size_t n = decode_utf8(s, i, cp);
    if (n == 0) n = 1;
    out.append(s, i, n);
    i += n;
    ++m_column;
  }
  void write_indent() {
    const int indent = std::max(m_indent, 0);
    if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace)) put_break();
    while (m_column < indent) put(' ');
    m_whitespace = true;
    m_indention = true;
  }
  void write_indicator(const std::string& indicator, bool need_whitespace, bool is_whitespace, bool is_indention) {
    if (need_whitespace && !m_whitespace) put(' ');
    for (char c : indicator) put(c);
    m_whitespace = is_whitespace;
    m_indention = m_indention && is_indention;
  }
  void increase_indent(bool flow, bool indentless) {
    if (m_indent < 0) m_indent = flow ? best_indent : 0;
    else if (!indentless) m_indent += best_indent;
  }

  void node(const GoValue& v, bool mapping_value) {
    using Kind = GoValue::Kind;
    switch (v.kind()) {
      case Kind::map:
      case Kind::record:
        if (v.fields().empty()) return empty_collection("{", "}");
        return block_mapping(v);
      case Kind::list:
      case Kind::string_list:
        if (v.items().empty()) return empty_collection("[", "]");
        return block_sequence(v, mapping_value);
      case Kind::string:
        if (!valid_utf8(v.text())) {  // yaml.v2 writes such bytes as base64 with a !!binary tag
          write_indicator("!!binary", true, false, false);
          return scalar(base64(v.text()), ScalarStyle::plain, false);
        }
        return scalar(v.text(), choose_string_style(v.text(), false), false);
      case Kind::nil: return scalar("null", ScalarStyle::plain, false);
      case Kind::boolean: return scalar(v.as_bool() ? "true" : "false", ScalarStyle::plain, false);
      case Kind::integer: return scalar(std::to_string(v.as_int()), ScalarStyle::plain, false);
      case Kind::floating: {
        std::string text = go_float_g(v.as_double());
        if (text == "+Inf") text = ".inf";
        else if (text == "-Inf") text = "-.inf";
        else if (text == "NaN") text = ".nan";
        return scalar(text, ScalarStyle::plain, false);
      }
    }
  }

  void empty_collection(const char* open, const char* close) {
    write_indicator(open, true, true, false);
    write_indicator(close, false, false, false);
  }

  void block_mapping(const GoValue& v) {
    const int saved = m_indent;
    increase_indent(false, false);
    std::vector<const GoValue::Field*> fields;
    for (const auto& f : v.fields()) fields.push_back(&f);
    if (v.kind() == GoValue::Kind::map)
      std::sort(fields.begin(), fields.end(), [](auto* a, auto* b) { return yaml_key_less(a->first, b->first); });
    for (const auto* field : fields) {
      write_indent();
      scalar(field->first, choose_string_style(field->first, true), true);
      write_indicator(":", false, false, false);
      node(field->second, true);
    }
    m_indent = saved;
  }

  void block_sequence(const GoValue& v, bool mapping_value) {
    const int saved = m_indent;
    // A sequence that is a mapping's value is not indented ("key:\n- a").
    increase_indent(false, mapping_value && !m_indention);
    for (const auto& item : v.items()) {
      write_indent();
      write_indicator("-", true, false, true);
      node(item, false);
    }
    m_indent = saved;
  }

  void scalar(const std::string& text, ScalarStyle style, bool simple_key) {
    const int saved = m_indent;
    increase_indent(true, false);
    switch (style) {
      case ScalarStyle::plain: plain(text, !simple_key); break;
      case ScalarStyle::single_quoted: single_quoted(text, !simple_key); break;
      case ScalarStyle::double_quoted: double_quoted(text, !simple_key); break;
      case ScalarStyle::literal: literal(text); break;
    }
    m_indent = saved;
  }

  static bool space_at(const std::string& s, size_t i) { return i < s.size() && s[i] == ' '; }

  void plain(const std::string& s, bool allow_breaks) {
    if (!m_whitespace) put(' ');
    bool spaces = false;
    for (size_t i = 0; i < s.size();) {
      if (s[i] == ' ') {
        if (allow_breaks && !spaces && m_column > best_width && !space_at(s, i + 1)) {
          write_indent();
          ++i;
        } else {
          write_char(s, i);
        }
        spaces = true;
      } else {
        write_char(s, i);
        m_indention = false;
        spaces = false;
      }
    }
    m_whitespace = false;
    m_indention = false;
  }

  void single_quoted(const std::string& s, bool allow_breaks) {
    write_indicator("'", true, false, false);
    bool spaces = false;
    for (size_t i = 0; i < s.size();) {
      if (s[i] == ' ') {
        if (allow_breaks && !spaces && m_column > best_width && i != 0 && i != s.size() - 1 && !space_at(s, i + 1)) {
          write_indent();
          ++i;
        } else {
          write_char(s, i);
        }
        spaces = true;
      } else {
        if (s[i] == '\'') put('\'');
        write_char(s, i);
        m_indention = false;
        spaces = false;
      }
    }
    write_indicator("'", false, false, false);
    m_whitespace = false;
    m_indention = false;
  }

  void double_quoted(const std::string& s, bool allow_breaks) {
    write_indicator("\"", true, false, false);
    bool spaces = false;
    for (size_t i = 0; i < s.size();) {
      if (needs_escape(s, i)) {
        char32_t cp;
        size_t n = decode_utf8(s, i, cp);
        if (n == 0) n = 1;
        put('\\');
        switch (cp) {
          case 0x00: put('0'); break;
          case 0x07: put('a'); break;
          case 0x08: put('b'); break;
          case 0x09: put('t'); break;
          case 0x0A: put('n'); break;
          case 0x0B: put('v'); break;
          case 0x0C: put('f'); break;
          case 0x0D: put('r'); break;
          case 0x1B: put('e'); break;
          case 0x22: put('"'); break;
          case 0x5C: put('\\'); break;
          case 0x85: put('N'); break;
          case 0xA0: put('_'); break;
          case 0x2028: put('L'); break;
          case 0x2029: put('P'); break;
          default: {
            char buf[12];
            if (cp <= 0xFF) std::snprintf(buf, sizeof(buf), "x%02X", static_cast<unsigned>(cp));
            else if (cp <= 0xFFFF) std::snprintf(buf, sizeof(buf), "u%04X", static_cast<unsigned>(cp));
            else std::snprintf(buf, sizeof(buf), "U%08X", static_cast<unsigned>(cp));
            for (const char* p = buf; *p; ++p) put(*p);
          }
        }
        i += n;
        spaces = false;
      } else if (s[i] == ' ') {
        if (allow_breaks && !spaces && m_column > best_width && i != 0 && i != s.size() - 1) {
          write_indent();
          if (space_at(s, i + 1)) put('\\');
          ++i;
        } else {
          write_char(s, i);
        }
        spaces = true;
      } else {
        write_char(s, i);
        spaces = false;
      }
    }
    write_indicator("\"", false, false, false);
    m_whitespace = false;
    m_indention = false;
  }

  void literal(const std::string& s) {
    write_indicator("|", true, false, false);
    // Block scalar hints: an indentation digit when the text starts with a space or break,
    // then "-" (no final break) or "+" (more than one final break).
    if (!s.empty() && (s[0] == ' ' || break_length(s, 0) > 0)) write_indicator("2", false, false, false);
    const size_t last = last_char_start(s, s.size());
    if (break_length(s, last) == 0) {
      write_indicator("-", false, false, false);
    } else if (last == 0 || break_length(s, last_char_start(s, last)) > 0) {
      write_indicator("+", false, false, false);
    }
    put_break();
    m_indention = true;
    m_whitespace = true;
    bool breaks = true;
    for (size_t i = 0; i < s.size();) {
      const size_t b = break_length(s, i);
      if (b > 0) {
        if (s[i] != '\n') out.append(s, i, b);
        put_break();
        i += b;
        m_indention = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        breaks = false;
        write_char(s, i);
        m_indention = false;
      }
    }
  }

  static size_t last_char_start(const std::string& s, size_t end) {
    if (end == 0) return 0;
    size_t i = end - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
  }
};

}  // namespace

std::string format_yaml(const GoValue& value) {
  if (value.is_nil()) return "";
  Emitter emitter;
  emitter.document(value);
  std::string& out = emitter.out;
  // juju/cmd's FormatYaml: trailing newlines trimmed, then exactly one added.
  while (out.size() > 1 && out.back() == '\n') out.pop_back();
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace sim::tools
