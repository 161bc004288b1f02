// Whether a maintainer string is "Name <Email>": Python's email.utils.parseaddr (the strict
// form of current Pythons) must find exactly one address with both a display name and an address.
#include <string>
#include <utility>
#include <vector>

#include "proof/lint.hpp"

namespace proof {

namespace {

using Address = std::pair<std::string, std::string>;  // (name, address)

const std::string_view specials = "()<>@,:;.\"[]";
const std::string_view lws = " \t";
const std::string_view fws = " \t\r\n";
const std::string_view atomends = "()<>@,:;.\"[] \t\r\n";
const std::string_view phraseends = "()<>@,:;\"[] \t\r\n";

bool in(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(separator) : "") + parts[i];
  return out;
}

// The RFC 2822 address-list scanner of Python's email._parseaddr, trimmed to what decides
// the name and the address.
class AddressScanner {
 public:
  explicit AddressScanner(std::string_view field) : m_field(field) {}

  std::vector<Address> address_list() {
    std::vector<Address> result;
    while (m_pos < m_field.size()) {
      std::vector<Address> one = address();
      if (one.empty()) result.emplace_back();
      result.insert(result.end(), one.begin(), one.end());
    }
    return result;
  }

 private:
  bool more() const { return m_pos < m_field.size(); }
  char at() const { return m_field[m_pos]; }

  // Skips white space and comments; returns the white space skipped.
  std::string skip() {
    std::string ws;
    while (more()) {
      if (in(fws, at())) {
        ws += at();
        ++m_pos;
      } else if (at() == '(') {
        m_comments.push_back(delimited('(', ")\r", true));
      } else {
        break;
      }
    }
    return ws;
  }

  // The text between begin_char and one of end_chars, backslash escapes resolved.
  std::string delimited(char begin_char, std::string_view end_chars, bool allow_comments) {
    if (at() != begin_char) return {};
    std::string out;
    bool quoted = false;
    ++m_pos;
    while (more()) {
      char c = at();
      if (quoted) {
        out += c;
        quoted = false;
      } else if (in(end_chars, c)) {
        ++m_pos;
        break;
      } else if (allow_comments && c == '(') {
        out += delimited('(', ")\r", true);
        continue;
      } else if (c == '\\') {
        quoted = true;
      } else {
        out += c;
      }
      ++m_pos;
    }
    return out;
  }

  std::string atom(std::string_view ends = atomends) {
    size_t start = m_pos;
    while (more() && !in(ends, at())) ++m_pos;
    return std::string(m_field.substr(start, m_pos - start));
  }

  std::vector<std::string> phrase_list() {
    std::vector<std::string> words;
    while (more()) {
      if (in(fws, at())) {
        ++m_pos;
      } else if (at() == '"') {
        words.push_back(delimited('"', "\"\r", false));
      } else if (at() == '(') {
        m_comments.push_back(delimited('(', ")\r", true));
      } else if (in(phraseends, at())) {
        break;
      } else {
        words.push_back(atom(phraseends));
      }
    }
    return words;
  }

  std::string domain() {
    std::string out;
    while (more()) {
      if (in(lws, at())) {
        ++m_pos;
      } else if (at() == '(') {
        m_comments.push_back(delimited('(', ")\r", true));
      } else if (at() == '[') {
        out += "[" + delimited('[', "]\r", false) + "]";
      } else if (at() == '.') {
        ++m_pos;
        out += '.';
      } else if (at() == '@') {
        return {};  // two @s: no domain
      } else if (in(atomends, at())) {
        break;
      } else {
        out += atom();
      }
    }
    return out;
  }

  std::string addr_spec() {
    std::vector<std::string> parts;
    skip();
    while (more()) {
      bool preserve_ws = true;
      if (at() == '.') {
        if (!parts.empty() && parts.back().find_first_not_of(" \t\r\n") == std::string::npos) parts.pop_back();
        parts.push_back(".");
        ++m_pos;
        preserve_ws = false;
      } else if (at() == '"') {
        parts.push_back("\"" + delimited('"', "\"\r", false) + "\"");
      } else if (in(atomends, at())) {
        break;
      } else {
        parts.push_back(atom());
      }
      std::string ws = skip();
      if (preserve_ws && !ws.empty()) parts.push_back(ws);
    }
    if (!more() || at() != '@') return join(parts, "");
    ++m_pos;
    skip();
    std::string dom = domain();
    return dom.empty() ? std::string() : join(parts, "") + "@" + dom;
  }

  std::string route_addr() {
    bool expect_route = false;
    ++m_pos;  // '<'
    skip();
    std::string address;
    while (more()) {
      if (expect_route) {
        domain();
        expect_route = false;
      } else if (at() == '>') {
        ++m_pos;
        break;
      } else if (at() == '@') {
        ++m_pos;
        expect_route = true;
      } else if (at() == ':') {
        ++m_pos;
      } else {
        address = addr_spec();
        ++m_pos;
        break;
      }
      skip();
    }
    return address;
  }

  std::vector<Address> address() {
    m_comments.clear();
    skip();
    size_t old_pos = m_pos;
    std::vector<std::string> old_comments = m_comments;
    std::vector<std::string> words = phrase_list();
    skip();
    std::vector<Address> result;
    if (!more()) {
      if (!words.empty()) result.emplace_back(join(m_comments, " "), words[0]);
    } else if (at() == '.' || at() == '@') {
      m_pos = old_pos;
      m_comments = old_comments;
      std::string spec = addr_spec();
      result.emplace_back(join(m_comments, " "), spec);
    } else if (at() == ':') {  // a group: its members are the addresses
      ++m_pos;
      while (more()) {
        skip();
        if (more() && at() == ';') {
          ++m_pos;
          break;
        }
        std::vector<Address> member = address();
        result.insert(result.end(), member.begin(), member.end());
      }
    } else if (at() == '<') {
      std::string route = route_addr();
      std::string name = join(words, " ");
      if (!m_comments.empty()) name += " (" + join(m_comments, " ") + ")";
      result.emplace_back(name, route);
    } else if (!words.empty()) {
      result.emplace_back(join(m_comments, " "), words[0]);
    } else if (in(specials, at())) {
      ++m_pos;
    }
    skip();
    if (more() && at() == ',') ++m_pos;
    return result;
  }

  std::string_view m_field;
  size_t m_pos = 0;
  std::vector<std::string> m_comments;
};

// Parentheses outside quoted names must balance (escaped characters do not count).
bool parentheses_balance(std::string_view text) {
  int open = 0;
  bool in_quotes = false, escaped = false;
  for (char c : text) {
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '"') {
      in_quotes = !in_quotes;
    } else if (!in_quotes && c == '(') {
      ++open;
    } else if (!in_quotes && c == ')' && --open < 0) {
      return false;
    }
  }
  return open == 0;
}

}  // namespace

bool has_name_and_address(const yaml::Value& maintainer) {
  if (maintainer.is_sequence()) return !maintainer.items().empty() && has_name_and_address(maintainer.items()[0]);
  if (!maintainer.is_string() || maintainer.text().empty()) return false;
  if (!parentheses_balance(maintainer.text())) return false;
  std::vector<Address> addresses = AddressScanner(maintainer.text()).address_list();
  if (addresses.size() != 1) return false;
  const auto& [name, address] = addresses[0];
  return !name.empty() && !address.empty() && address.find('[') == std::string::npos;
}

}  // namespace proof
