#include "util/ignore_matcher.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using util::IgnoreMatcher;

namespace {

bool match(const std::vector<std::string>& patterns, std::string_view path) {
  return IgnoreMatcher(patterns).matches(path);
}

}  // namespace

TEST_CASE("ignore_matcher: blank lines, comments and a lone slash are no-ops", "[ignore_matcher]") {
  CHECK(IgnoreMatcher({}).empty());
  CHECK(IgnoreMatcher({"", "   ", "\t", "# comment", "  #indented comment", "/"}).empty());
  CHECK_FALSE(IgnoreMatcher({"#x", "x"}).empty());
  CHECK_FALSE(IgnoreMatcher({"!x"}).empty());
  CHECK_FALSE(match({"# comment"}, "# comment"));
  CHECK_FALSE(match({"/"}, "a"));
  CHECK_FALSE(match({"/"}, "a/b"));
  CHECK_FALSE(IgnoreMatcher({}).matches("anything"));
}

TEST_CASE("ignore_matcher: surrounding whitespace is stripped", "[ignore_matcher]") {
  CHECK(match({"  foo\t"}, "foo"));
  CHECK_FALSE(match({"  foo\t"}, " foo"));
  CHECK(match({"\xC2\xA0" "foo" "\xE3\x80\x80"}, "foo"));  // Python strips U+00A0 and U+3000 too
  CHECK(match({"a b"}, "a b"));
}

TEST_CASE("ignore_matcher: escaped hash and bang are literals", "[ignore_matcher]") {
  CHECK(match({"\\#notes"}, "#notes"));
  CHECK(match({"\\#notes"}, "dir/#notes"));
  CHECK(match({"\\!bang"}, "!bang"));
  CHECK_FALSE(match({"\\!bang"}, "bang"));
  CHECK(match({"a\\*b"}, "a*b"));
  CHECK_FALSE(match({"a\\*b"}, "axb"));
  CHECK(match({"a#b"}, "a#b"));  // '#' only starts a comment at the beginning
}

TEST_CASE("ignore_matcher: a pattern without inner slash matches at any depth and below", "[ignore_matcher]") {
  CHECK(match({"foo"}, "foo"));
  CHECK(match({"foo"}, "a/foo"));
  CHECK(match({"foo"}, "a/b/foo"));
  CHECK(match({"foo"}, "foo/bar"));
  CHECK(match({"foo"}, "a/foo/bar/baz"));
  CHECK_FALSE(match({"foo"}, "foobar"));
  CHECK_FALSE(match({"foo"}, "a/xfoo"));
  CHECK_FALSE(match({"foo"}, "fo"));
}

TEST_CASE("ignore_matcher: a leading or inner slash anchors to the root", "[ignore_matcher]") {
  CHECK(match({"/foo"}, "foo"));
  CHECK(match({"/foo"}, "foo/bar"));
  CHECK_FALSE(match({"/foo"}, "a/foo"));
  CHECK(match({"a/foo"}, "a/foo"));
  CHECK(match({"a/foo"}, "a/foo/x"));
  CHECK_FALSE(match({"a/foo"}, "b/a/foo"));
  CHECK(match({"/a/foo"}, "a/foo"));
  CHECK_FALSE(match({"a//foo"}, "a/foo"));  // an empty segment must match an empty segment
}

TEST_CASE("ignore_matcher: a trailing slash matches only what is below the directory", "[ignore_matcher]") {
  CHECK_FALSE(match({"build/"}, "build"));
  CHECK(match({"build/"}, "build/x"));
  CHECK(match({"build/"}, "build/x/y"));
  CHECK(match({"build/"}, "src/build/x"));
  CHECK_FALSE(match({"/build/"}, "src/build/x"));
  CHECK(match({"/build/"}, "build/x"));
  CHECK_FALSE(match({"a/b/"}, "a/b"));
  CHECK(match({"a/b/"}, "a/b/c"));
  CHECK_FALSE(match({"a/b/"}, "x/a/b/c"));
}

TEST_CASE("ignore_matcher: double-asterisk forms", "[ignore_matcher]") {
  // Leading: any depth.
  CHECK(match({"**/foo"}, "foo"));
  CHECK(match({"**/foo"}, "a/b/foo/c"));
  CHECK(match({"**/a/b"}, "x/y/a/b"));
  CHECK_FALSE(match({"**/a/b"}, "x/a/y/b"));
  // Trailing: everything below, not the directory itself.
  CHECK_FALSE(match({"docs/**"}, "docs"));
  CHECK(match({"docs/**"}, "docs/a"));
  CHECK(match({"docs/**"}, "docs/a/b"));
  CHECK_FALSE(match({"docs/**"}, "x/docs/a"));
  // Inner: zero or more directories.
  CHECK(match({"a/**/b"}, "a/b"));
  CHECK(match({"a/**/b"}, "a/x/b"));
  CHECK(match({"a/**/b"}, "a/x/y/b/z"));
  CHECK_FALSE(match({"a/**/b"}, "a/xb"));
  CHECK(match({"a/**/**/b"}, "a/b"));  // runs of "**" collapse
  // Alone: every path; "**/": everything except top-level entries.
  CHECK(match({"**"}, "x"));
  CHECK(match({"**"}, "x/y/z"));
  CHECK_FALSE(match({"**/"}, "x"));
  CHECK(match({"**/"}, "x/y"));
  // Inside a segment "**" is just "*".
  CHECK(match({"a**b"}, "a-x-b"));
  CHECK_FALSE(match({"a**b"}, "a/b"));
  CHECK(match({"***"}, "x"));  // valid in pathspec
}

TEST_CASE("ignore_matcher: star and question mark stay within a segment", "[ignore_matcher]") {
  CHECK(match({"*.pyc"}, "a.pyc"));
  CHECK(match({"*.pyc"}, ".pyc"));
  CHECK(match({"*.pyc"}, "x/y/a.pyc"));
  CHECK_FALSE(match({"*.pyc"}, "a.pyc.txt"));
  CHECK(match({"lib/*"}, "lib/a"));
  CHECK(match({"lib/*"}, "lib/a/b"));  // and everything below it
  CHECK_FALSE(match({"lib/*"}, "lib"));
  CHECK_FALSE(match({"a*b"}, "a/b"));
  CHECK(match({"?.txt"}, "a.txt"));
  CHECK_FALSE(match({"?.txt"}, "ab.txt"));
  CHECK_FALSE(match({"a?b"}, "a/b"));
  CHECK(match({"?"}, "\xC3\xA9"));          // '?' is one character, not one byte
  CHECK_FALSE(match({"??"}, "\xC3\xA9"));
  CHECK(match({"*"}, "anything/at/all"));
}

TEST_CASE("ignore_matcher: bracket expressions", "[ignore_matcher]") {
  CHECK(match({"[abc].txt"}, "b.txt"));
  CHECK_FALSE(match({"[abc].txt"}, "d.txt"));
  CHECK(match({"[a-c]x"}, "bx"));
  CHECK_FALSE(match({"[a-c]x"}, "dx"));
  CHECK(match({"[!abc].txt"}, "d.txt"));
  CHECK_FALSE(match({"[!abc].txt"}, "a.txt"));
  CHECK(match({"[]]"}, "]"));            // leading ']' is literal
  CHECK(match({"[!]]"}, "x"));
  CHECK_FALSE(match({"[!]]"}, "]"));
  CHECK(match({"[a-]"}, "-"));           // trailing '-' is literal
  CHECK(match({"[^a]"}, "^"));           // '^' is not negation
  CHECK_FALSE(match({"[^a]"}, "b"));
  CHECK(match({"[\\]"}, "\\"));          // backslash is literal inside brackets
  CHECK(match({"[]"}, "[]"));            // unclosed: literal '['
  CHECK(match({"[ab"}, "[ab"));
  CHECK(match({"[\xC3\xA9-\xC3\xAB]"}, "\xC3\xAA"));  // code point ranges
  // pathspec quirk: a negated class is [^...] in its regex, so it does match '/'.
  CHECK(match({"a[!x]b"}, "a/b"));
}

TEST_CASE("ignore_matcher: the last matching pattern decides, '!' negates", "[ignore_matcher]") {
  CHECK(match({"*.pyc", "!keep.pyc"}, "a.pyc"));
  CHECK_FALSE(match({"*.pyc", "!keep.pyc"}, "keep.pyc"));
  CHECK_FALSE(match({"*.pyc", "!keep.pyc"}, "d/keep.pyc"));
  CHECK(match({"!keep.pyc", "*.pyc"}, "keep.pyc"));
  CHECK_FALSE(match({"!*.pyc"}, "a.pyc"));
  // Unlike git, a path below an ignored directory can be re-included.
  CHECK(match({"build/", "!build/keep"}, "build/x"));
  CHECK_FALSE(match({"build/", "!build/keep"}, "build/keep"));
  CHECK_FALSE(match({"build/", "!build/keep"}, "build/keep/y"));
  CHECK(match({"build/", "!build/keep", "build/keep/y"}, "build/keep/y"));
}

TEST_CASE("ignore_matcher: paths are normalized like pathspec.match_file", "[ignore_matcher]") {
  CHECK(match({"/foo"}, "./foo"));
  CHECK(match({"/foo"}, "/foo"));
  CHECK(match({"foo"}, "foo\n"));        // Python's '$' also matches before a final newline
  CHECK_FALSE(match({"foo"}, "foo/a\nb"));  // '.' does not match a newline
}

TEST_CASE("ignore_matcher: invalid patterns throw naming the pattern", "[ignore_matcher]") {
  CHECK_THROWS_AS(IgnoreMatcher({"!"}), std::invalid_argument);
  CHECK_THROWS_AS(IgnoreMatcher({"foo\\"}), std::invalid_argument);
  CHECK_THROWS_AS(IgnoreMatcher({"a\\/b"}), std::invalid_argument);
  CHECK_THROWS_AS(IgnoreMatcher({"[z-a]"}), std::invalid_argument);
  CHECK_THROWS_WITH(IgnoreMatcher({"ok", "[z-a]x"}), Catch::Contains("'[z-a]x'"));
  CHECK_NOTHROW(IgnoreMatcher({"!/", "[a-a]", "\\\\"}));
}

TEST_CASE("ignore_matcher: charm-tools default ignores", "[ignore_matcher]") {
  const IgnoreMatcher m({".bzr", ".git", "**/.ropeproject", "*.pyc", "*~", ".tox", "*.swp", ".pull-source-rev",
                         "*.charm", "build.lock"});
  CHECK_FALSE(m.empty());
  CHECK(m.matches(".bzr"));
  CHECK(m.matches("a/.bzr/x"));
  CHECK(m.matches(".git"));
  CHECK(m.matches("sub/.git/HEAD"));
  CHECK_FALSE(m.matches(".gitignore"));
  CHECK_FALSE(m.matches(".github/workflows/x.yml"));
  CHECK(m.matches(".ropeproject"));
  CHECK(m.matches("x/.ropeproject/config"));
  CHECK(m.matches("a.pyc"));
  CHECK(m.matches("lib/a.pyc"));
  CHECK_FALSE(m.matches("a.py"));
  CHECK_FALSE(m.matches("a.pyc.txt"));
  CHECK(m.matches("notes~"));
  CHECK_FALSE(m.matches("~x"));
  CHECK(m.matches(".tox/py3/lib"));
  CHECK_FALSE(m.matches("tox.ini"));
  CHECK(m.matches(".x.swp"));
  CHECK(m.matches("build.lock"));
  CHECK(m.matches("sub/build.lock"));
  CHECK_FALSE(m.matches("build.lock.d"));
  CHECK(m.matches(".pull-source-rev"));
  CHECK(m.matches("my.charm"));
  CHECK_FALSE(m.matches("charm"));
  CHECK_FALSE(m.matches("src/charmhelpers/core.py"));
  CHECK_FALSE(m.matches("reactive/x.py"));
  CHECK_FALSE(m.matches("layer.yaml"));
}

// Truth table generated with Python pathspec (0.11.0, whose gitwildmatch code is
// identical to 0.10.3): PathSpec.from_lines('gitwildmatch', [pattern]).match_file(path).
// Character j of a row is '1' when the pattern matches k_paths[j].
TEST_CASE("ignore_matcher: agrees with pathspec on a truth table", "[ignore_matcher]") {
  const std::vector<std::string> k_paths = {
      ".git", ".git/config", "a/.git", "a/.git/HEAD", "x.pyc", "lib/x.pyc", "file~", "build",
      "build.lock", "build/x", "src/build", "src/build/y", "docs", "docs/a.md", "docs/sub/b.md",
      "a/docs/c.md", "a/b", "a/x/y/b", "lib/pkg/x.py", "#notes", "!bang", "a.txt", "d.txt",
      "deep/.ropeproject", "foo/bar/baz",
  };
  const std::vector<std::pair<std::string, std::string>> k_rows = {
      {".git", "1111000000000000000000000"},
      {"*.pyc", "0000110000000000000000000"},
      {"*~", "0000001000000000000000000"},
      {"**/.ropeproject", "0000000000000000000000010"},
      {"build.lock", "0000000010000000000000000"},
      {"build", "0000000101110000000000000"},
      {"/build", "0000000101000000000000000"},
      {"build/", "0000000001010000000000000"},
      {"/build/", "0000000001000000000000000"},
      {"docs/*.md", "0000000000000100000000000"},
      {"docs/*", "0000000000000110000000000"},
      {"docs/**", "0000000000000110000000000"},
      {"**/docs", "0000000000001111000000000"},
      {"docs/**/*.md", "0000000000000110000000000"},
      {"a/**/b", "0000000000000000110000000"},
      {"**", "1111111111111111111111111"},
      {"**/", "0111010001110111111000011"},
      {"*", "1111111111111111111111111"},
      {"**/*", "1111111111111111111111111"},
      {"?.txt", "0000000000000000000001100"},
      {"[abc].txt", "0000000000000000000001000"},
      {"[!abc].txt", "0000000000000000000000100"},
      {"[a-c]*", "0111000111110111110001001"},
      {"lib/*", "0000010000000000001000000"},
      {"lib/*/x.py", "0000000000000000001000000"},
      {"/lib", "0000010000000000001000000"},
      {"\\#notes", "0000000000000000000100000"},
      {"\\!bang", "0000000000000000000010000"},
      {"foo/bar", "0000000000000000000000001"},
      {"**/foo/bar", "0000000000000000000000001"},
      {"a/**/", "0011000000000001110000000"},
      {"*/b", "0000000000000000100000000"},
      {"a*/b", "0000000000000000100000000"},
      {"x.py", "0000000000000000001000000"},
      {"!*.pyc", "0000000000000000000000000"},
  };
  size_t checked = 0;
  for (const auto& [pattern, bits] : k_rows) {
    REQUIRE(bits.size() == k_paths.size());
    const IgnoreMatcher m({pattern});
    for (size_t j = 0; j < k_paths.size(); ++j) {
      INFO("pattern '" << pattern << "' path '" << k_paths[j] << "'");
      CHECK(m.matches(k_paths[j]) == (bits[j] == '1'));
      ++checked;
    }
  }
  CHECK(checked == 875);
}
