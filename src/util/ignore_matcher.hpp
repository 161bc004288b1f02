// Gitignore-style patterns (Python pathspec's GitWildMatch, as charm-tools uses it) matched against relpaths.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace util {

namespace ignore_detail {

// One piece of a compiled pattern. Each op mirrors one fragment of the regex that
// pathspec 0.10.3 (GitWildMatchPattern.pattern_to_regex) would build, so matching
// is a small backtracking walk over these instead of a std::regex.
enum class Op : unsigned char {
  literal,     // exact bytes (may contain '/')
  any_char,    // "?"      -> [^/]       one character
  char_class,  // "[...]"  -> [...]      one character (a negated class can match '/')
  star,        // "*"      -> [^/]*
  lead_dirs,   // "**/.."  -> (?:.+/)?
  inner_dirs,  // "/**/"   -> (?:/.+)?
  dot_plus,    // only in the "**/" override: .+
  end,         // $
  tail,        // "/**" at the end: /.*$
  opt_tail,    // a pattern not ending in '/': (?:/.*)?$  ("foo" also matches "foo/...")
};

struct Token {
  Op op;
  std::string text;                                   // literal: bytes to match
  std::vector<std::pair<char32_t, char32_t>> ranges;  // char_class: inclusive code point ranges
  bool negated = false;                               // char_class: "[!...]"
};

struct Rule {
  std::vector<Token> tokens;  // always ends with end, tail or opt_tail
  std::string needle;         // longest literal; a path lacking it cannot match
  bool include = true;        // false for "!pattern"
};

}  // namespace ignore_detail

class IgnoreMatcher {
 public:
  // Blank lines and '#' comments are skipped; throws std::invalid_argument naming the
  // pattern for patterns pathspec rejects ("!", trailing '\', bad range "[z-a]").
  explicit IgnoreMatcher(const std::vector<std::string>& patterns);
  // relpath: '/'-separated, relative, no leading "./", no trailing '/'. Files and directories alike.
  // The last pattern that matches decides; a "!" pattern un-ignores.
  bool matches(std::string_view relpath) const;
  // True when there is no effective pattern (none given, or only blanks, comments and "/").
  bool empty() const;

 private:
  std::vector<ignore_detail::Rule> m_rules;
};

}  // namespace util
