#include <catch2/catch.hpp>
#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "yaml/dump.hpp"
#include "yaml/load.hpp"
#include "yaml/value.hpp"

using yaml::Value;
using Kind = yaml::Value::Kind;

namespace {

Value str(const std::string& s) { return Value::string(s); }

Value map(std::initializer_list<std::pair<Value, Value>> entries) {
  Value m = Value::mapping();
  for (const auto& [k, v] : entries) m.entries().emplace_back(k, v);
  return m;
}

Value seq(std::initializer_list<Value> items) {
  Value s = Value::sequence();
  for (const auto& item : items) s.push_back(item);
  return s;
}

// Equal kinds, equal scalars, equal order: stricter than operator== (which lets 1 == true
// and ignores mapping order).
bool same(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::null: return true;
    case Kind::boolean: return a.as_bool() == b.as_bool();
    case Kind::integer:
    case Kind::timestamp:
    case Kind::string: return a.text() == b.text();
    case Kind::floating:
      return (std::isnan(a.as_double()) && std::isnan(b.as_double())) || a.as_double() == b.as_double();
    case Kind::sequence:
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!same(a.items()[i], b.items()[i])) return false;
      return true;
    case Kind::mapping:
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!same(a.entries()[i].first, b.entries()[i].first) || !same(a.entries()[i].second, b.entries()[i].second))
          return false;
      return true;
  }
  return false;
}

// dump, then load under YAML 1.2 and under YAML 1.1 (PyYAML, Juju): the same data both times.
void check_round_trip(const Value& value) {
  std::string text = yaml::dump(value);
  INFO("dumped:\n" << text);
  Value v12;
  REQUIRE_NOTHROW(v12 = yaml::load(text));
  CHECK(same(v12, value));
  Value v11;
  REQUIRE_NOTHROW(v11 = yaml::load("%YAML 1.1\n---\n" + text));
  CHECK(same(v11, value));
  // Deterministic and stable.
  CHECK(yaml::dump(value) == text);
  CHECK(yaml::dump(v12) == text);
}

// Every string both as a mapping value, a list item, a key and a nested value.
void check_string_round_trips(const std::string& s) {
  INFO("string: [" << s << "]");
  check_round_trip(map({{str("k"), str(s)}}));
  check_round_trip(map({{str("list"), seq({str(s), str("x")})}}));
  check_round_trip(map({{str(s), str("v")}}));
  check_round_trip(map({{str("outer"), map({{str(s), seq({map({{str("inner"), str(s)}})})}})}}));
  check_round_trip(seq({str(s)}));
}

}  // namespace

TEST_CASE("yaml_dump: a block list under a key is not indented", "[yaml_dump]") {
  CHECK(yaml::dump(map({{str("key"), seq({str("a")})}})) == "key:\n- a\n");
  CHECK(yaml::dump(map({{str("outer"), map({{str("key"), seq({str("a"), str("b")})}})}})) ==
        "outer:\n  key:\n  - a\n  - b\n");
}

TEST_CASE("yaml_dump: exact text of a metadata-like document", "[yaml_dump]") {
  Value doc = map({{str("name"), str("mycharm")},
                   {str("summary"), str("A charm: with a colon")},
                   {str("series"), seq({str("focal"), str("jammy")})},
                   {str("requires"), map({{str("db"), map({{str("interface"), str("mysql")}})}})},
                   {str("count"), Value::integer(3)},
                   {str("ratio"), Value::floating(1.5, "1.5")},
                   {str("enabled"), Value::boolean(true)},
                   {str("nothing"), Value::null()},
                   {str("empty-map"), Value::mapping()},
                   {str("empty-list"), Value::sequence()},
                   {str("answer"), str("yes")}});
  CHECK(yaml::dump(doc) ==
        "name: mycharm\n"
        "summary: \"A charm: with a colon\"\n"
        "series:\n"
        "- focal\n"
        "- jammy\n"
        "requires:\n"
        "  db:\n"
        "    interface: mysql\n"
        "count: 3\n"
        "ratio: 1.5\n"
        "enabled: true\n"
        "nothing: null\n"
        "empty-map: {}\n"
        "empty-list: []\n"
        "answer: \"yes\"\n");
  check_round_trip(doc);
}

TEST_CASE("yaml_dump: maps inside lists start on the dash line", "[yaml_dump]") {
  Value doc = map({{str("items"), seq({map({{str("a"), Value::integer(1)}, {str("b"), str("on")}}),
                                       map({{str("c"), seq({Value::integer(1), Value::integer(2)})}}),
                                       Value::mapping()})}});
  CHECK(yaml::dump(doc) ==
        "items:\n"
        "- a: 1\n"
        "  b: \"on\"\n"
        "- c:\n"
        "  - 1\n"
        "  - 2\n"
        "- {}\n");
  check_round_trip(doc);
}

TEST_CASE("yaml_dump: lists of lists", "[yaml_dump]") {
  Value doc = seq({seq({Value::integer(1), Value::integer(2)}), Value::sequence(), seq({str("x")}),
                   seq({seq({str("deep")})})});
  CHECK(yaml::dump(doc) ==
        "- - 1\n"
        "  - 2\n"
        "- []\n"
        "- - x\n"
        "- - - deep\n");
  check_round_trip(doc);
  check_round_trip(map({{str("m"), seq({seq({map({{str("k"), seq({str("v")})}})})})}}));
}

TEST_CASE("yaml_dump: empty collections and scalar documents", "[yaml_dump]") {
  CHECK(yaml::dump(Value::mapping()) == "{}\n");
  CHECK(yaml::dump(Value::sequence()) == "[]\n");
  CHECK(yaml::dump(str("hello")) == "hello\n");
  CHECK(yaml::dump(Value::integer(7)) == "7\n");
  CHECK(yaml::dump(map({{str("a"), Value::mapping()}, {str("b"), Value::sequence()}})) == "a: {}\nb: []\n");
  check_round_trip(Value::mapping());
  check_round_trip(map({{str("a"), Value::mapping()}, {str("b"), Value::sequence()}}));
  check_round_trip(seq({Value::mapping(), Value::sequence(), Value::null()}));
}

TEST_CASE("yaml_dump: multi-line strings become literal blocks with the right chomping", "[yaml_dump]") {
  CHECK(yaml::dump(map({{str("d"), str("line1\nline2\n")}})) == "d: |\n  line1\n  line2\n");
  CHECK(yaml::dump(map({{str("d"), str("line1\nline2")}})) == "d: |-\n  line1\n  line2\n");
  CHECK(yaml::dump(map({{str("d"), str("line1\n\n")}})) == "d: |+\n  line1\n\n");
  CHECK(yaml::dump(map({{str("d"), str("a\n\nb")}})) == "d: |-\n  a\n\n  b\n");
  CHECK(yaml::dump(seq({str("a\nb\n")})) == "- |\n  a\n  b\n");
  CHECK(yaml::dump(map({{str("o"), map({{str("d"), str("x\n  y\n")}})}})) == "o:\n  d: |\n    x\n      y\n");
  // Text a literal block cannot hold exactly is double-quoted.
  CHECK(yaml::dump(map({{str("d"), str(" lead\nx")}})) == "d: \" lead\\nx\"\n");
  CHECK(yaml::dump(map({{str("d"), str("\nx")}})) == "d: \"\\nx\"\n");
  CHECK(yaml::dump(map({{str("d"), str("trailing \nx")}})) == "d: \"trailing \\nx\"\n");
  CHECK(yaml::dump(map({{str("d"), str("cr\r\nx")}})) == "d: \"cr\\r\\nx\"\n");
}

TEST_CASE("yaml_dump: multi-line strings round-trip", "[yaml_dump]") {
  for (const char* s : {"line1\nline2", "line1\nline2\n", "line1\nline2\n\n", "line1\nline2\n\n\n", "a\n\nb",
                        "a\n\n\nb\n", "a\n  indented\nb", "\n", "\n\n", "\nstarts", " starts with space\nx",
                        "ends with space \nx", "x\n ", "x\n\t", "tab\tinside\nx", "# not a comment\n- not a list\n",
                        "--- \n...\n", "key: value\nother: 1\n", "\"quoted\"\n'single'\n", "a\r\nb", "a\rb",
                        "T\xC3\xA9sty\n\xE6\x97\xA5\xE6\x9C\xAC\n"}) {
    check_string_round_trips(s);
  }
}

TEST_CASE("yaml_dump: strings that look like other types are quoted", "[yaml_dump]") {
  CHECK(yaml::dump(map({{str("a"), str("yes")}})) == "a: \"yes\"\n");
  CHECK(yaml::dump(map({{str("a"), str("true")}})) == "a: \"true\"\n");
  CHECK(yaml::dump(map({{str("a"), str("")}})) == "a: \"\"\n");
  CHECK(yaml::dump(map({{str("a"), str("1:20")}})) == "a: \"1:20\"\n");
  CHECK(yaml::dump(map({{str("a"), str("0777")}})) == "a: \"0777\"\n");
  CHECK(yaml::dump(map({{str("a"), str("1e3")}})) == "a: \"1e3\"\n");
  CHECK(yaml::dump(map({{str("a"), str("2001-12-14")}})) == "a: \"2001-12-14\"\n");
  CHECK(yaml::dump(map({{str("n"), str("null")}})) == "\"n\": \"null\"\n");
  CHECK(yaml::dump(map({{str("plain"), str("focal")}})) == "plain: focal\n");
  CHECK(yaml::dump(map({{str("v"), str("1.2.3")}})) == "v: 1.2.3\n");
  // YAML 1.1's merge and value keys, which PyYAML cannot construct from a plain scalar.
  CHECK(yaml::dump(map({{str("a"), str("<<")}})) == "a: \"<<\"\n");
  CHECK(yaml::dump(map({{str("a"), str("=")}})) == "a: \"=\"\n");
  CHECK(yaml::dump(map({{str("<<"), str("=")}})) == "\"<<\": \"=\"\n");
  // "..." at the start of a line ends a document.
  CHECK(yaml::dump(map({{str("... x"), str("v")}})) == "\"... x\": v\n");
  CHECK(yaml::dump(str("...")) == "\"...\"\n");
  CHECK(yaml::dump(map({{str("a"), str("x...")}})) == "a: x...\n");
}

TEST_CASE("yaml_dump: ambiguous strings round-trip under YAML 1.1 and 1.2", "[yaml_dump]") {
  for (const char* s : {"yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "y", "Y", "n", "N", "true", "False",
                        "TRUE", "null", "Null", "NULL", "~", "", "1", "-1", "+1", "0", "00", "0777", "0o17", "0x1F",
                        "0b101", "1_000", "1:20", "190:20:30", "1:20.5", "1e3", "1E3", "1.5", "1.", ".5", "-.5",
                        "1.5e+3", ".inf", "-.inf", ".NaN", "2001-12-14", "2001-1-4", "2001-12-14 21:59:43.10 -5",
                        "2001-12-14t21:59:43.10-05:00", "123456789012345678901234567890", "0x", "1.2.3", "=",
                        "<<"}) {
    check_string_round_trips(s);
  }
}

TEST_CASE("yaml_dump: strings with indicators, colons and hashes round-trip", "[yaml_dump]") {
  for (const char* s : {"a: b", "a:b", "a:", "key: ", "x #comment", "x#y", "#start", "- item", "-", "--", "---",
                        "--- x", "...", "... x", "....", "? q", "?", ":", ": x", ",", "a, b", "[a]", "a]", "{a}",
                        "a}", "&anchor", "*alias", "!tag", "|", ">", "'single'", "\"double\"", "it's", "say \"hi\"",
                        "%percent", "@at", "`tick", " lead", "trail ", "  ", "a  b", "\t", "tab\tin",
                        "back\\slash", "\\", "nul\x01" "ctl", "del\x7f", "a\x1b[0m", "url: http://x/y#z",
                        "http://example.com/a#b", "c:\\path", "100%", "1 2", "a{b}c", "!", "&", "*"}) {
    check_string_round_trips(s);
  }
  std::string with_nul("a\0b", 3);
  check_string_round_trips(with_nul);
}

TEST_CASE("yaml_dump: unicode strings round-trip", "[yaml_dump]") {
  for (const char* s : {"T\xC3\xA9sty", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "\xF0\x9F\x98\x80 emoji",
                        "\xC3\xA9: colon", "\xC2\xA0nbsp", "nbsp\xC2\xA0", "\xEF\xBB\xBF" "bom",
                        "nel\xC2\x85inside", "ls\xE2\x80\xA8inside", "ps\xE2\x80\xA9inside", "c1\xC2\x80" "ctl",
                        "c1\xC2\x9F" "ctl", "nonchar\xEF\xBF\xBE", "nel\xC2\x85\nline", "ls\nx\xE2\x80\xA8y\n"}) {
    check_string_round_trips(s);
  }
}

TEST_CASE("yaml_dump: line breaks other than LF and non-printables are escaped for YAML 1.1 readers", "[yaml_dump]") {
  // PyYAML and go-yaml fold a raw U+0085 and break plain scalars at U+2028/U+2029; PyYAML
  // rejects raw C1 controls and U+FFFE/U+FFFF anywhere in a stream.
  CHECK(yaml::dump(map({{str("a"), str("x\xC2\x85y")}})) == "a: \"x\\x85y\"\n");
  CHECK(yaml::dump(map({{str("a"), str("x\xE2\x80\xA8y")}})) == "a: \"x\\u2028y\"\n");
  CHECK(yaml::dump(map({{str("a"), str("x\xE2\x80\xA9y")}})) == "a: \"x\\u2029y\"\n");
  CHECK(yaml::dump(map({{str("a"), str("x\xC2\x80y")}})) == "a: \"x\\x80y\"\n");
  CHECK(yaml::dump(map({{str("a"), str("x\xEF\xBB\xBFy")}})) == "a: \"x\\uFEFFy\"\n");
  CHECK(yaml::dump(map({{str("a"), str("x\xEF\xBF\xBFy")}})) == "a: \"x\\uFFFFy\"\n");
  CHECK(yaml::dump(map({{str("a"), str("x\xEF\xBF\xBEy")}})) == "a: \"x\\uFFFEy\"\n");
  CHECK(yaml::dump(map({{str("a"), str("two\nlines\xC2\x85")}})) == "a: \"two\\nlines\\x85\"\n");
  // Other non-ASCII text stays readable.
  CHECK(yaml::dump(map({{str("a"), str("T\xC3\xA9sty")}})) == "a: T\xC3\xA9sty\n");
  CHECK(yaml::dump(map({{str("a"), str("T\xC3\xA9sty\n")}})) == "a: |\n  T\xC3\xA9sty\n");
  CHECK(yaml::dump(map({{str("a"), str("q\"\xC3\xA9")}})) == "a: q\"\xC3\xA9\n");
  CHECK(yaml::dump(map({{str("a"), str("\"\xC3\xA9")}})) == "a: \"\\\"\xC3\xA9\"\n");
  CHECK(yaml::dump(map({{str("a"), str("\xEF\xBF\xBD \xF0\x9F\x98\x80")}})) == "a: \xEF\xBF\xBD \xF0\x9F\x98\x80\n");
}

TEST_CASE("yaml_dump: control characters are escaped in double quotes", "[yaml_dump]") {
  CHECK(yaml::dump(map({{str("a"), str("tab\there")}})) == "a: \"tab\\there\"\n");
  CHECK(yaml::dump(map({{str("a"), str(std::string("nul\0", 4))}})) == "a: \"nul\\0\"\n");
  CHECK(yaml::dump(map({{str("a"), str("bell\x07")}})) == "a: \"bell\\x07\"\n");
  CHECK(yaml::dump(map({{str("a"), str("del\x7f")}})) == "a: \"del\\x7F\"\n");
  CHECK(yaml::dump(map({{str("a"), str("back\\ \"q\" #x")}})) == "a: \"back\\\\ \\\"q\\\" #x\"\n");
}

TEST_CASE("yaml_dump: long keys are written as explicit keys", "[yaml_dump]") {
  const std::string long_key(1500, 'k');
  Value doc = map({{str(long_key), seq({str("a"), str("b")})},
                   {str("nested"), map({{str(long_key), str("v")}, {str(long_key + "2"), map({{str("x"), str("y")}})}})},
                   {str("z"), Value::integer(1)}});
  check_round_trip(doc);
  check_round_trip(map({{str(std::string(200, 'q')), str("multi\nline\n")}}));
  const std::string k129(129, 'k');
  CHECK(yaml::dump(map({{str(k129), Value::integer(1)}})) == "? " + k129 + "\n: 1\n");
  CHECK(yaml::dump(map({{str(k129), seq({str("a")})}})) == "? " + k129 + "\n:\n- a\n");
  CHECK(yaml::dump(map({{str("o"), map({{str(k129), map({{str("x"), str("z")}})}})}})) ==
        "o:\n  ? " + k129 + "\n  :\n    x: z\n");
  CHECK(yaml::dump(seq({map({{str(k129), str("v")}, {str("b"), str("w")}})})) == "- ? " + k129 + "\n  : v\n  b: w\n");
  check_round_trip(seq({map({{str(k129), str("v")}, {str("b"), str("w")}})}));
  // Keys of ordinary length stay implicit.
  CHECK(yaml::dump(map({{str(std::string(128, 'k')), Value::integer(1)}})) == std::string(128, 'k') + ": 1\n");
  CHECK(yaml::dump(map({{str(std::string(100, 'k')), Value::integer(1)}})) == std::string(100, 'k') + ": 1\n");
}

TEST_CASE("yaml_dump: scalars of every kind round-trip", "[yaml_dump]") {
  Value doc = map({{str("int"), Value::integer(42)},
                   {str("neg"), Value::integer(-7)},
                   {str("zero"), Value::integer(0)},
                   {str("max"), Value::integer(9223372036854775807LL)},
                   {str("big"), Value::big_integer("123456789012345678901234567890")},
                   {str("float"), Value::floating(1.5, "1.5")},
                   {str("float-int"), Value::floating(1000.0, "1e3")},
                   {str("tiny"), Value::floating(1e-7, "1e-7")},
                   {str("huge"), Value::floating(1e300, "1e300")},
                   {str("pi"), Value::floating(3.141592653589793, "3.141592653589793")},
                   {str("negzero"), Value::floating(-0.0, "-0.0")},
                   {str("inf"), Value::floating(INFINITY, ".inf")},
                   {str("ninf"), Value::floating(-INFINITY, "-.inf")},
                   {str("nan"), Value::floating(NAN, ".nan")},
                   {str("t"), Value::boolean(true)},
                   {str("f"), Value::boolean(false)},
                   {str("null"), Value::null()},
                   {str("date"), Value::timestamp("2001-12-14")},
                   {str("datetime"), Value::timestamp("2001-12-14t21:59:43.10-05:00")},
                   {str("spaced"), Value::timestamp("2001-12-14 21:59:43.10 -5")}});
  check_round_trip(doc);
  std::string text = yaml::dump(doc);
  CHECK(text.find("float-int: 1.0e+03\n") != std::string::npos);
  CHECK(text.find("inf: .inf\n") != std::string::npos);
  CHECK(text.find("nan: .nan\n") != std::string::npos);
  CHECK(text.find("date: 2001-12-14\n") != std::string::npos);
}

TEST_CASE("yaml_dump: non-string keys keep their kinds", "[yaml_dump]") {
  Value doc = map({{Value::integer(1), str("one")},
                   {Value::boolean(true), str("t")},
                   {Value::null(), str("n")},
                   {Value::floating(2.5, "2.5"), str("f")},
                   {str("1"), str("string one")}});
  CHECK(yaml::dump(doc) == "1: one\ntrue: t\nnull: \"n\"\n2.5: f\n\"1\": string one\n");
  check_round_trip(doc);
}

TEST_CASE("yaml_dump: loaded documents round-trip", "[yaml_dump]") {
  for (const char* source : {
           "name: x\nsummary: y\nseries: [focal, jammy]\nrequires: {db: {interface: mysql}}\n",
           "options:\n  port:\n    type: int\n    default: 8080\n    description: |\n      The port.\n      Really.\n",
           "a: 'yes'\nb: \"1:20\"\nc: '0777'\nd: ''\ne: '~'\nf: 'a: b'\ng: ' #x'\n",
           "list:\n- - 1\n  - 2\n- []\n- {}\n- {a: [b, {c: d}]}\n",
           "\xC3\xA9t\xC3\xA9: \"caf\xC3\xA9\"\nk: \"\\u2028\\x85\"\n",
           "x: !!str 12\ny: 0x1F\nz: 1_000\nw: .5\nv: 2001-12-14\n",
       }) {
    INFO(source);
    check_round_trip(yaml::load(source));
  }
}

TEST_CASE("yaml_dump: key order is kept", "[yaml_dump]") {
  Value doc = map({{str("zeta"), Value::integer(1)}, {str("alpha"), Value::integer(2)}, {str("mid"), Value::integer(3)}});
  CHECK(yaml::dump(doc) == "zeta: 1\nalpha: 2\nmid: 3\n");
}

TEST_CASE("yaml_dump: output is deterministic", "[yaml_dump]") {
  Value doc = yaml::load("b: [1, {x: y}]\na: {c: d, e: [f, g]}\ns: \"multi\\nline\\n\"\n");
  std::string first = yaml::dump(doc);
  for (int i = 0; i < 5; ++i) CHECK(yaml::dump(doc) == first);
  CHECK(yaml::dump(yaml::load(first)) == first);
}
