#include "util/ignore_matcher.hpp"

#include <optional>
#include <stdexcept>

namespace util {

using ignore_detail::Op;
using ignore_detail::Rule;
using ignore_detail::Token;

namespace {

[[noreturn]] void fail(std::string_view pattern, std::string_view why) {
  throw std::invalid_argument("invalid ignore pattern '" + std::string(pattern) + "': " + std::string(why));
}

// Decodes the character at s[pos] into cp and returns its byte length. Python matches
// str code points, so '?' and classes must step over whole UTF-8 sequences; a byte
// that is not valid UTF-8 counts as one character (like surrogateescape).
size_t decode(std::string_view s, size_t pos, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  cp = 0xDC00 + b0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  const size_t len = (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || pos + len > s.size()) return 1;
  char32_t v = b0 & (0x7F >> len);
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return 1;
    v = (v << 6) | (b & 0x3F);
  }
  static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < min_for_len[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 1;  // overlong/invalid
  cp = v;
  return len;
}

// Python's str.isspace(), which str.strip() uses on every pattern line.
bool is_py_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

std::string_view py_strip(std::string_view s) {
  char32_t cp = 0;
  while (!s.empty()) {
    const size_t n = decode(s, 0, cp);
    if (!is_py_space(cp)) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    size_t start = s.size() - 1;  // back up to the first byte of the last character
    while (start > 0 && s.size() - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    if (start + decode(s, start, cp) != s.size() || !is_py_space(cp)) break;
    s.remove_suffix(s.size() - start);
  }
  return s;
}

void add_literal(std::vector<Token>& out, std::string_view bytes) {
  if (!out.empty() && out.back().op == Op::literal) {
    out.back().text += bytes;  // one memcmp instead of several
  } else {
    out.push_back({Op::literal, std::string(bytes), {}, false});
  }
}

void add_op(std::vector<Token>& out, Op op) {
  if (op == Op::star && !out.empty() && out.back().op == Op::star) return;  // "**" inside a segment == "*"
  out.push_back({op, {}, {}, false});
}

// The body of "[...]" as Python's re parses it (pathspec passes it through with
// backslashes doubled): a leading ']' is literal, "a-z" is a range, a '-' first or
// last is literal. A descending range is re.error in Python; we throw.
Token parse_class(std::string_view body, bool negated, std::string_view pattern) {
  std::vector<char32_t> cps;
  for (size_t i = 0; i < body.size();) {
    char32_t cp = 0;
    i += decode(body, i, cp);
    cps.push_back(cp);
  }
  Token t{Op::char_class, {}, {}, negated};
  for (size_t k = 0; k < cps.size();) {
    const char32_t lo = cps[k++];
    if (k + 1 < cps.size() && cps[k] == '-') {
      const char32_t hi = cps[k + 1];
      if (hi < lo) fail(pattern, "bad character range in bracket expression");
      t.ranges.emplace_back(lo, hi);
      k += 2;
    } else {
      t.ranges.emplace_back(lo, lo);  // includes a trailing '-' on its own
    }
  }
  return t;
}

// One path segment of the pattern (pathspec's _translate_segment_glob).
void translate_glob(std::string_view seg, std::vector<Token>& out, std::string_view pattern) {
  const size_t n = seg.size();
  for (size_t i = 0; i < n;) {
    const char c = seg[i++];
    if (c == '\\') {
      if (i == n) fail(pattern, "escape character '\\' with nothing to escape");
      add_literal(out, seg.substr(i++, 1));  // a multi-byte char's other bytes follow as literals
    } else if (c == '*') {
      add_op(out, Op::star);
    } else if (c == '?') {
      add_op(out, Op::any_char);
    } else if (c == '[') {
      // Find the closing ']': skip a leading '!' and then a leading ']'.
      size_t j = i;
      if (j < n && seg[j] == '!') ++j;
      if (j < n && seg[j] == ']') ++j;
      while (j < n && seg[j] != ']') ++j;
      if (j >= n) {  // unclosed: a literal '['
        add_literal(out, "[");
        continue;
      }
      const bool negated = seg[i] == '!';  // a leading '^' stays a literal member
      const size_t body = negated ? i + 1 : i;
      out.push_back(parse_class(seg.substr(body, j - body), negated, pattern));
      i = j + 1;
    } else {
      add_literal(out, std::string_view(&c, 1));
    }
  }
}

// pathspec's GitWildMatchPattern.pattern_to_regex; nullopt for a no-op line.
std::optional<Rule> compile(const std::string& original) {
  std::string_view pattern = py_strip(original);
  if (pattern.empty() || pattern.front() == '#' || pattern == "/") return std::nullopt;
  Rule rule;
  if (pattern.front() == '!') {
    rule.include = false;
    pattern.remove_prefix(1);
  }
  std::vector<std::string_view> segs;
  for (size_t start = 0;;) {
    const size_t slash = pattern.find('/', start);
    segs.push_back(pattern.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  // Collapse runs of "**" segments.
  for (size_t i = segs.size() - 1; i > 0; --i) {
    if (segs[i - 1] == "**" && segs[i] == "**") segs.erase(segs.begin() + static_cast<std::ptrdiff_t>(i));
  }
  // "**/" matches everything below any directory: pathspec uses the regex ^.+/.*$ for it.
  const bool everything_below = segs.size() == 2 && segs[0] == "**" && segs[1].empty();
  if (segs[0].empty()) {
    segs.erase(segs.begin());  // leading '/': anchored to the root
  } else if ((segs.size() == 1 || (segs.size() == 2 && segs[1].empty())) && segs[0] != "**") {
    segs.insert(segs.begin(), "**");  // no inner '/': matches at any depth
  }
  if (segs.empty()) fail(original, "nothing to match");  // e.g. "!"
  if (segs.size() > 1 && segs.back().empty()) segs.back() = "**";  // trailing '/': only what is below

  auto& out = rule.tokens;
  if (everything_below) {
    out = {{Op::dot_plus, {}, {}, false}, {Op::tail, {}, {}, false}};
  } else {
    bool need_slash = false;
    const size_t last = segs.size() - 1;
    for (size_t i = 0; i <= last; ++i) {
      const std::string_view seg = segs[i];
      if (seg == "**") {
        if (i == 0 && i == last) {  // "**" alone: any non-empty path
          add_op(out, Op::any_char);
          add_op(out, Op::star);
          add_op(out, Op::opt_tail);
        } else if (i == 0) {
          add_op(out, Op::lead_dirs);
          need_slash = false;
        } else if (i == last) {
          add_op(out, Op::tail);
        } else {
          add_op(out, Op::inner_dirs);
          need_slash = true;
        }
        continue;
      }
      if (need_slash) add_literal(out, "/");
      if (seg == "*") {  // a whole-segment '*' is [^/]+, not [^/]*
        add_op(out, Op::any_char);
        add_op(out, Op::star);
      } else {
        translate_glob(seg, out, original);
      }
      if (i == last) add_op(out, Op::opt_tail);
      need_slash = true;
    }
  }
  if (out.back().op != Op::tail && out.back().op != Op::opt_tail) add_op(out, Op::end);
  for (const Token& t : out) {
    if (t.op == Op::literal && t.text.size() > rule.needle.size()) rule.needle = t.text;
  }
  return rule;
}

// Python's '$' (no MULTILINE): at the end, or before a final '\n'.
bool at_end(std::string_view s, size_t pos) {
  return pos == s.size() || (pos + 1 == s.size() && s[pos] == '\n');
}

// ".*$": '.' stops at '\n', so the first newline from pos must be the final char, if any.
bool dot_star_to_end(std::string_view s, size_t pos) {
  const size_t nl = s.find('\n', pos);
  return nl == std::string_view::npos || nl + 1 == s.size();
}

bool in_class(const Token& t, char32_t cp) {
  bool hit = false;
  for (const auto& [lo, hi] : t.ranges) hit = hit || (cp >= lo && cp <= hi);
  return hit != t.negated;
}

// Does tokens[ti..] match s[pos..]? Loops over fixed-width ops, recurses to backtrack.
bool match_at(const std::vector<Token>& tokens, size_t ti, std::string_view s, size_t pos) {
  for (; ti < tokens.size(); ++ti) {
    const Token& t = tokens[ti];
    switch (t.op) {
      case Op::literal:
        if (s.size() - pos < t.text.size() || s.compare(pos, t.text.size(), t.text) != 0) return false;
        pos += t.text.size();
        break;
      case Op::any_char:
      case Op::char_class: {
        if (pos >= s.size()) return false;
        char32_t cp = 0;
        const size_t n = decode(s, pos, cp);
        if (t.op == Op::any_char ? cp == '/' : !in_class(t, cp)) return false;
        pos += n;
        break;
      }
      case Op::star:  // [^/]*: try each length, one character at a time
        for (char32_t cp = 0;; pos += decode(s, pos, cp)) {
          if (match_at(tokens, ti + 1, s, pos)) return true;
          if (pos >= s.size() || s[pos] == '/') return false;
        }
      case Op::lead_dirs:  // (?:.+/)?: nothing, or any non-empty newline-free prefix ending in '/'
        if (match_at(tokens, ti + 1, s, pos)) return true;
        for (size_t q = pos + 1; q < s.size() && s[q - 1] != '\n'; ++q) {
          if (s[q] == '/' && match_at(tokens, ti + 1, s, q + 1)) return true;
        }
        return false;
      case Op::inner_dirs:  // (?:/.+)?: always followed by a literal '/', so only stop before one
        if (match_at(tokens, ti + 1, s, pos)) return true;
        if (pos >= s.size() || s[pos] != '/') return false;
        for (size_t q = pos + 2; q < s.size() && s[q - 1] != '\n'; ++q) {
          if (s[q] == '/' && match_at(tokens, ti + 1, s, q)) return true;
        }
        return false;
      case Op::dot_plus:  // .+ then "/.*$"
        for (size_t q = pos + 1; q <= s.size() && s[q - 1] != '\n'; ++q) {
          if (match_at(tokens, ti + 1, s, q)) return true;
        }
        return false;
      case Op::end:
        return at_end(s, pos);
      case Op::tail:
        return pos < s.size() && s[pos] == '/' && dot_star_to_end(s, pos + 1);
      case Op::opt_tail:
        return at_end(s, pos) || (pos < s.size() && s[pos] == '/' && dot_star_to_end(s, pos + 1));
    }
  }
  return false;  // unreachable: every rule ends with end, tail or opt_tail
}

}  // namespace

IgnoreMatcher::IgnoreMatcher(const std::vector<std::string>& patterns) {
  for (const std::string& pattern : patterns) {
    if (auto rule = compile(pattern)) m_rules.push_back(std::move(*rule));
  }
}

bool IgnoreMatcher::matches(std::string_view relpath) const {
  // pathspec's normalize_file: drop one leading '/' or "./".
  if (relpath.starts_with('/')) {
    relpath.remove_prefix(1);
  } else if (relpath.starts_with("./")) {
    relpath.remove_prefix(2);
  }
  // The last matching pattern decides, so search from the end and stop at the first hit.
  for (auto it = m_rules.rbegin(); it != m_rules.rend(); ++it) {
    if (!it->needle.empty() && relpath.find(it->needle) == std::string_view::npos) continue;
    if (match_at(it->tokens, 0, relpath, 0)) return it->include;
  }
  return false;
}

bool IgnoreMatcher::empty() const { return m_rules.empty(); }

}  // namespace util
