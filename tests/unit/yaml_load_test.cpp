#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "yaml/load.hpp"
#include "yaml/resolve_scalar.hpp"
#include "yaml/value.hpp"

using yaml::Value;
using Kind = yaml::Value::Kind;

namespace {

// The value under `key` of a one-level document.
Value value_of(const std::string& text, const std::string& key = "a") {
  Value doc = yaml::load(text);
  REQUIRE(doc.is_mapping());
  const Value* v = doc.find(key);
  REQUIRE(v != nullptr);
  return *v;
}

// The plain scalar `text` as the value of key `a`.
Value plain(const std::string& text) { return value_of("a: " + text + "\n"); }

// The plain scalar under a `%YAML 1.1` directive.
Value plain11(const std::string& text) { return value_of("%YAML 1.1\n---\na: " + text + "\n"); }

yaml::ParseError parse_error(const std::string& text) {
  try {
    yaml::load(text);
  } catch (const yaml::ParseError& e) {
    return e;
  }
  FAIL("no ParseError for: " << text);
  throw std::logic_error("unreachable");
}

std::vector<std::string> keys(const Value& map) {
  std::vector<std::string> out;
  for (const auto& [k, v] : map.entries()) out.push_back(k.text());
  return out;
}

}  // namespace

TEST_CASE("yaml_load: yes/no/on/off/y/n are strings under YAML 1.2", "[yaml_load]") {
  for (const char* text : {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y",
                           "n", "N"}) {
    INFO(text);
    Value v = plain(text);
    CHECK(v.kind() == Kind::string);
    CHECK(v.text() == text);
  }
}

TEST_CASE("yaml_load: only true/True/TRUE/false/False/FALSE are booleans", "[yaml_load]") {
  for (const char* text : {"true", "True", "TRUE"}) {
    INFO(text);
    Value v = plain(text);
    REQUIRE(v.kind() == Kind::boolean);
    CHECK(v.as_bool());
  }
  for (const char* text : {"false", "False", "FALSE"}) {
    INFO(text);
    Value v = plain(text);
    REQUIRE(v.kind() == Kind::boolean);
    CHECK_FALSE(v.as_bool());
  }
  for (const char* text : {"tRue", "fALSE", "truee", "t", "f"}) {
    INFO(text);
    CHECK(plain(text).kind() == Kind::string);
  }
}

TEST_CASE("yaml_load: ~, null, Null, NULL and empty values are null", "[yaml_load]") {
  for (const char* text : {"~", "null", "Null", "NULL"}) {
    INFO(text);
    CHECK(plain(text).is_null());
  }
  CHECK(value_of("a:\n").is_null());
  CHECK(value_of("a:\nb: 1\n").is_null());
  CHECK(value_of("a: # comment\n").is_null());
  CHECK(plain("nULL").kind() == Kind::string);
  CHECK(plain("none").kind() == Kind::string);
  Value list = value_of("a:\n- ~\n-\n- null\n");
  REQUIRE(list.is_sequence());
  REQUIRE(list.size() == 3);
  for (const auto& item : list.items()) CHECK(item.is_null());
}

TEST_CASE("yaml_load: integers in decimal, hex, octal, binary and with underscores", "[yaml_load]") {
  struct Case {
    const char* text;
    long long value;
  };
  for (const Case& c : {Case{"0", 0}, Case{"42", 42}, Case{"-42", -42}, Case{"+5", 5}, Case{"0x1F", 31},
                        Case{"0x1f", 31}, Case{"-0x1F", -31}, Case{"0o17", 15}, Case{"0b101", 5},
                        Case{"1_000", 1000}, Case{"1__0", 10}, Case{"0777", 777},
                        Case{"9223372036854775807", 9223372036854775807LL}}) {
    INFO(c.text);
    Value v = plain(c.text);
    REQUIRE(v.kind() == Kind::integer);
    CHECK(v.as_int() == c.value);
    CHECK(v.text() == std::to_string(c.value));
  }
}

TEST_CASE("yaml_load: integers beyond 64 bits keep their decimal text", "[yaml_load]") {
  Value v = plain("123456789012345678901234567890");
  REQUIRE(v.kind() == Kind::integer);
  CHECK(v.text() == "123456789012345678901234567890");
  CHECK(v.truthy());
  CHECK(v == Value::big_integer("123456789012345678901234567890"));
  CHECK_FALSE(v == Value::big_integer("123456789012345678901234567891"));
}

TEST_CASE("yaml_load: near-integers stay strings", "[yaml_load]") {
  for (const char* text : {"0x", "0b2", "0o8", "1:20", "1-2", "12abc", "0x1G"}) {
    INFO(text);
    Value v = plain(text);
    CHECK(v.kind() == Kind::string);
    CHECK(v.text() == text);
  }
}

TEST_CASE("yaml_load: floats keep their text", "[yaml_load]") {
  struct Case {
    const char* text;
    double value;
  };
  for (const Case& c : {Case{"1.5", 1.5}, Case{"-1.5", -1.5}, Case{"1e3", 1000.0}, Case{"1E3", 1000.0},
                        Case{"1.5e-3", 0.0015}, Case{"1.", 1.0}, Case{".5", 0.5}, Case{"1_0.5", 10.5},
                        Case{"0.0", 0.0}}) {
    INFO(c.text);
    Value v = plain(c.text);
    REQUIRE(v.kind() == Kind::floating);
    CHECK(v.as_double() == c.value);
    CHECK(v.text() == c.text);
  }
  Value inf = plain(".inf");
  REQUIRE(inf.kind() == Kind::floating);
  CHECK(std::isinf(inf.as_double()));
  CHECK(inf.as_double() > 0);
  Value ninf = plain("-.Inf");
  REQUIRE(ninf.kind() == Kind::floating);
  CHECK(std::isinf(ninf.as_double()));
  CHECK(ninf.as_double() < 0);
  CHECK(plain("+.INF").as_double() > 0);
  for (const char* text : {".nan", ".NaN", ".NAN"}) {
    INFO(text);
    Value nan = plain(text);
    REQUIRE(nan.kind() == Kind::floating);
    CHECK(std::isnan(nan.as_double()));
    CHECK(nan.truthy());
  }
  // ruamel's 1.2 resolver has no sign on the ".5" form, and no "inf" without the dot.
  CHECK(plain("-.5").kind() == Kind::string);
  CHECK(plain("inf").kind() == Kind::string);
  CHECK(plain("-.nan").kind() == Kind::string);
}

TEST_CASE("yaml_load: dates and date-times are timestamps", "[yaml_load]") {
  for (const char* text : {"2001-12-14", "2001-1-4 1:02:03", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
                           "2001-12-15T02:59:43.1Z", "2001-12-14 21:59:43"}) {
    INFO(text);
    Value v = plain(text);
    CHECK(v.kind() == Kind::timestamp);
    CHECK(v.text() == text);
    CHECK(v.truthy());
  }
  // A date alone needs two-digit month and day; only a date-time may shorten them.
  for (const char* text : {"2001-12", "01-12-14", "2001-12-14x", "2001-1-4", "2001-12-4", "2001-1-14"}) {
    INFO(text);
    CHECK(plain(text).kind() == Kind::string);
  }
}

TEST_CASE("yaml_load: quoted and block scalars are always strings", "[yaml_load]") {
  struct Case {
    const char* source;
    const char* text;
  };
  for (const Case& c : {Case{"\"true\"", "true"}, Case{"'true'", "true"}, Case{"\"null\"", "null"},
                        Case{"''", ""}, Case{"\"\"", ""}, Case{"'~'", "~"}, Case{"\"123\"", "123"},
                        Case{"'1.5'", "1.5"}, Case{"\"2001-12-14\"", "2001-12-14"}, Case{"'0x1F'", "0x1F"},
                        Case{"!!str 123", "123"}, Case{"!!str null", "null"}, Case{"!!str", ""},
                        Case{"|\n  true\n", "true\n"}, Case{">-\n  123\n", "123"},
                        Case{"\"a\\tb\\u00e9\"", "a\tb\xC3\xA9"}, Case{"'it''s'", "it's"}}) {
    INFO(c.source);
    Value v = plain(c.source);
    CHECK(v.kind() == Kind::string);
    CHECK(v.text() == c.text);
  }
}

TEST_CASE("yaml_load: block scalars keep their chomping", "[yaml_load]") {
  Value doc = yaml::load("lit: |\n  a\n   b\n\n  c\nkeep: |+\n  x\n\nstrip: |-\n  y\n\nfold: >\n  one\n  two\n\n  three\n");
  CHECK(doc.find("lit")->text() == "a\n b\n\nc\n");
  CHECK(doc.find("keep")->text() == "x\n\n");
  CHECK(doc.find("strip")->text() == "y");
  CHECK(doc.find("fold")->text() == "one two\nthree\n");
}

TEST_CASE("yaml_load: explicit core tags are checked", "[yaml_load]") {
  Value i = plain("!!int \"7\"");
  REQUIRE(i.kind() == Kind::integer);
  CHECK(i.as_int() == 7);
  Value f = plain("!!float 1");
  REQUIRE(f.kind() == Kind::floating);
  CHECK(f.as_double() == 1.0);
  CHECK(plain("!!bool true").kind() == Kind::boolean);
  CHECK(plain("!!null ''").is_null());
  CHECK(plain("!!timestamp 2001-12-14").kind() == Kind::timestamp);
  yaml::ParseError e = parse_error("a: 1\nb: !!int abc\n");
  CHECK(e.mark().line == 2);
  CHECK(e.mark().column == 4);
  CHECK(e.problem() == "value 'abc' is not a valid !!int");
  // Application tags carry no meaning: the text is kept.
  Value secret = plain("!secret 42");
  CHECK(secret.kind() == Kind::string);
  CHECK(secret.text() == "42");
}

TEST_CASE("yaml_load: a %YAML 1.1 directive switches to YAML 1.1 typing", "[yaml_load]") {
  for (const char* text : {"yes", "Yes", "YES", "on", "On", "ON", "true"}) {
    INFO(text);
    Value v = plain11(text);
    REQUIRE(v.kind() == Kind::boolean);
    CHECK(v.as_bool());
  }
  for (const char* text : {"no", "No", "NO", "off", "Off", "OFF", "false"}) {
    INFO(text);
    Value v = plain11(text);
    REQUIRE(v.kind() == Kind::boolean);
    CHECK_FALSE(v.as_bool());
  }
  // PyYAML (proof, the charm name) keeps y/n as strings; the emitter still quotes them,
  // because Juju's Go YAML reads them as booleans.
  for (const char* text : {"y", "Y", "n", "N"}) {
    INFO(text);
    CHECK(plain11(text).kind() == Kind::string);
    CHECK(yaml::plain_text_is_ambiguous(text));
  }
  Value octal = plain11("0777");
  REQUIRE(octal.kind() == Kind::integer);
  CHECK(octal.as_int() == 511);
  Value sexagesimal = plain11("1:20");
  REQUIRE(sexagesimal.kind() == Kind::integer);
  CHECK(sexagesimal.as_int() == 80);
  Value sexagesimal_float = plain11("1:20.5");
  REQUIRE(sexagesimal_float.kind() == Kind::floating);
  CHECK(sexagesimal_float.as_double() == 80.5);
  CHECK(sexagesimal_float.text() == "1:20.5");
  CHECK(plain11("-1:0:30.25").as_double() == -3630.25);
  CHECK(plain11("-1:20").as_int() == -80);
  CHECK(plain11("0x1F").as_int() == 31);
  CHECK(plain11("0b101").as_int() == 5);
  CHECK(plain11("1_000").as_int() == 1000);
  CHECK(plain11("~").is_null());
  CHECK(plain11("1.5").kind() == Kind::floating);
  CHECK(plain11("2001-12-14").kind() == Kind::timestamp);
  // PyYAML's 1.1 floats need a dot, and 0o is a 1.2 form.
  CHECK(plain11("1e3").kind() == Kind::string);
  CHECK(plain11("0o17").kind() == Kind::string);
  // Quoting still wins.
  CHECK(plain11("'yes'").kind() == Kind::string);
}

TEST_CASE("yaml_load: the %YAML 1.1 directive only counts at the very top", "[yaml_load]") {
  CHECK(value_of("%YAML 1.2\n---\na: yes\n").kind() == Kind::string);
  CHECK(value_of("# comment\n%YAML 1.1\n---\na: yes\n").kind() == Kind::string);
  CHECK(value_of("a: yes\n").kind() == Kind::string);
}

TEST_CASE("yaml_load: duplicate keys are errors with the second key's line and column", "[yaml_load]") {
  yaml::ParseError top = parse_error("a: 1\nb: 2\na: 3\n");
  CHECK(top.mark().line == 3);
  CHECK(top.mark().column == 1);
  CHECK(top.problem() == "found duplicate key \"a\" (each key may appear only once in a mapping)");

  yaml::ParseError nested = parse_error("top:\n  x: 1\n  y: 2\n  x: 3\n");
  CHECK(nested.mark().line == 4);
  CHECK(nested.mark().column == 3);

  yaml::ParseError in_list = parse_error("- name: a\n  name: b\n");
  CHECK(in_list.mark().line == 2);
  CHECK(in_list.mark().column == 3);

  yaml::ParseError flow = parse_error("a: {k: 1, k: 2}\n");
  CHECK(flow.mark().line == 1);
  CHECK(flow.mark().column == 11);

  // Duplicates are found after typing and quoting.
  CHECK(parse_error("a: 1\n'a': 2\n").mark().line == 2);
  CHECK(parse_error("1: a\n0x1: b\n").mark().line == 2);
  CHECK(parse_error("~: a\nnull: b\n").mark().line == 2);

  // Same text, different kinds: distinct keys.
  Value ok = yaml::load("1: a\n'1': b\n");
  CHECK(ok.size() == 2);
}

TEST_CASE("yaml_load: parse errors carry 1-based line and column", "[yaml_load]") {
  yaml::ParseError value_in_value = parse_error("a: b: c\n");
  CHECK(value_in_value.mark().line == 1);
  CHECK(value_in_value.mark().column == 5);

  yaml::ParseError indent = parse_error("a: 1\n  b: 2\n");
  CHECK(indent.mark().line == 2);
  CHECK(indent.mark().column == 4);

  yaml::ParseError unclosed = parse_error("a: [1, 2\n");
  CHECK(unclosed.mark().line >= 1);
  CHECK(unclosed.mark().column >= 1);
  CHECK_FALSE(unclosed.problem().empty());
}

TEST_CASE("yaml_load: format_parse_error shows the source line and a caret", "[yaml_load]") {
  const std::string text = "a: 1\nb: c: d\nz: 9\n";
  yaml::ParseError e = parse_error(text);
  CHECK(yaml::format_parse_error("layer/metadata.yaml", text, e) ==
        "layer/metadata.yaml:2:5: illegal map value\n"
        "    b: c: d\n"
        "        ^");

  CHECK(yaml::format_parse_error("f.yaml", "x: 1\n", yaml::ParseError({1, 1}, "boom")) ==
        "f.yaml:1:1: boom\n"
        "    x: 1\n"
        "    ^");
  // Last line without a newline.
  CHECK(yaml::format_parse_error("f.yaml", "x: 1\ny: 2", yaml::ParseError({2, 4}, "bad")) ==
        "f.yaml:2:4: bad\n"
        "    y: 2\n"
        "       ^");
  // A line past the end of the text: no excerpt.
  CHECK(yaml::format_parse_error("f.yaml", "x: 1\n", yaml::ParseError({5, 2}, "late")) == "f.yaml:5:2: late");
  // No position.
  CHECK(yaml::format_parse_error("f.yaml", "x: 1\n", yaml::ParseError({0, 0}, "none")) == "f.yaml:0:0: none");
}

TEST_CASE("yaml_load: a UTF-8 byte order mark is accepted", "[yaml_load]") {
  Value doc = yaml::load("\xEF\xBB\xBF" "a: 1\nb: yes\n");
  REQUIRE(doc.is_mapping());
  CHECK(keys(doc) == std::vector<std::string>{"a", "b"});
  CHECK(doc.find("a")->as_int() == 1);
  CHECK(doc.find("b")->kind() == Kind::string);
  // A BOM before the directive still honours it.
  CHECK(yaml::load("\xEF\xBB\xBF%YAML 1.1\n---\nb: yes\n").find("b")->kind() == Kind::boolean);
}

TEST_CASE("yaml_load: an empty document is an empty mapping", "[yaml_load]") {
  for (const char* text : {"", "\n", "   \n\n", "# just a comment\n", "---\n", "---\n...\n", "~\n", "null",
                           "\xEF\xBB\xBF"}) {
    INFO(text);
    Value doc = yaml::load(text);
    CHECK(doc.is_mapping());
    CHECK(doc.size() == 0);
  }
}

TEST_CASE("yaml_load: top-level lists and scalars are returned as they are", "[yaml_load]") {
  Value list = yaml::load("- a\n- 1\n");
  REQUIRE(list.is_sequence());
  REQUIRE(list.size() == 2);
  CHECK(list.items()[0].text() == "a");
  CHECK(list.items()[1].as_int() == 1);
  Value scalar = yaml::load("hello\n");
  CHECK(scalar.kind() == Kind::string);
  CHECK(scalar.text() == "hello");
}

TEST_CASE("yaml_load: mapping keys keep their source order", "[yaml_load]") {
  Value doc = yaml::load("zeta: 1\nalpha: 2\nmid: 3\nbeta:\n  z: 1\n  a: 2\n  m: 3\n");
  CHECK(keys(doc) == std::vector<std::string>{"zeta", "alpha", "mid", "beta"});
  CHECK(keys(*doc.find("beta")) == std::vector<std::string>{"z", "a", "m"});
  Value flow = yaml::load("{c: 1, b: 2, a: 3}");
  CHECK(keys(flow) == std::vector<std::string>{"c", "b", "a"});
}

TEST_CASE("yaml_load: nested structures and non-string keys", "[yaml_load]") {
  Value doc = yaml::load("requires:\n  db:\n    interface: mysql\nseries: [focal, jammy]\n1: one\ntrue: yes\n");
  const Value* db = doc.find("requires")->find("db");
  REQUIRE(db != nullptr);
  CHECK(db->find("interface")->text() == "mysql");
  const Value* series = doc.find("series");
  REQUIRE(series->is_sequence());
  REQUIRE(series->size() == 2);
  CHECK(series->items()[0].text() == "focal");
  CHECK(series->items()[1].text() == "jammy");
  REQUIRE(doc.entries().size() == 4);
  CHECK(doc.entries()[2].first.kind() == Kind::integer);
  CHECK(doc.entries()[2].first.as_int() == 1);
  CHECK(doc.entries()[3].first.kind() == Kind::boolean);
  CHECK(doc.entries()[3].second.kind() == Kind::string);
  CHECK(doc.find("1") == nullptr);  // the string lookup does not match an integer key
  CHECK(doc.find(Value::integer(1))->text() == "one");
}

TEST_CASE("yaml_load: anchors and aliases are expanded", "[yaml_load]") {
  Value doc = yaml::load("a: &x\n  k: [1, 2]\nb: *x\n");
  REQUIRE(doc.find("b") != nullptr);
  CHECK(*doc.find("b") == *doc.find("a"));
  CHECK(doc.find("b")->find("k")->size() == 2);
}

TEST_CASE("yaml_load: values and keys carry their source marks", "[yaml_load]") {
  Value doc = yaml::load("a: 1\nlist:\n  - x\n  - y\n");
  REQUIRE(doc.entries().size() == 2);
  CHECK(doc.entries()[0].first.mark().line == 1);
  CHECK(doc.entries()[0].first.mark().column == 1);
  CHECK(doc.entries()[0].second.mark().line == 1);
  CHECK(doc.entries()[0].second.mark().column == 4);
  CHECK(doc.entries()[1].first.mark().line == 2);
  const Value& y = doc.find("list")->items()[1];
  CHECK(y.mark().line == 4);
  CHECK(y.mark().column == 5);
}

TEST_CASE("yaml_load: unicode text is kept as UTF-8", "[yaml_load]") {
  Value doc = yaml::load("name: T\xC3\xA9sty\n\xE6\x97\xA5\xE6\x9C\xAC: \"\\u00e9\\U0001F600\"\n");
  CHECK(doc.find("name")->text() == "T\xC3\xA9sty");
  CHECK(doc.find("\xE6\x97\xA5\xE6\x9C\xAC")->text() == "\xC3\xA9\xF0\x9F\x98\x80");
}

TEST_CASE("yaml_load: truthiness and equality follow Python", "[yaml_load]") {
  Value doc = yaml::load("n: ~\nf: false\nz: 0\nzf: 0.0\ns: ''\nl: []\nm: {}\nt: x\none: 1\nonef: 1.0\nyes_: true\n");
  for (const char* falsy : {"n", "f", "z", "zf", "s", "l", "m"}) {
    INFO(falsy);
    CHECK_FALSE(doc.find(falsy)->truthy());
  }
  for (const char* truthy : {"t", "one", "onef", "yes_"}) {
    INFO(truthy);
    CHECK(doc.find(truthy)->truthy());
  }
  CHECK(*doc.find("one") == *doc.find("onef"));
  CHECK(*doc.find("one") == *doc.find("yes_"));
  CHECK_FALSE(*doc.find("t") == *doc.find("one"));
  // Mappings compare without regard to order, lists with.
  CHECK(yaml::load("{a: 1, b: 2}") == yaml::load("{b: 2, a: 1}"));
  CHECK_FALSE(yaml::load("[1, 2]") == yaml::load("[2, 1]"));
}

TEST_CASE("yaml_load: resolve_plain_scalar and plain_text_is_ambiguous", "[yaml_load]") {
  using yaml::YamlVersion;
  CHECK(yaml::resolve_plain_scalar("yes", YamlVersion::v1_2).kind() == Kind::string);
  CHECK(yaml::resolve_plain_scalar("yes", YamlVersion::v1_1).kind() == Kind::boolean);
  CHECK(yaml::resolve_plain_scalar("", YamlVersion::v1_2).is_null());
  CHECK(yaml::resolve_plain_scalar("word", YamlVersion::v1_1).kind() == Kind::string);
  for (const char* text : {"yes", "no", "on", "off", "y", "N", "true", "null", "~", "", "1", "0777", "1:20", "1e3",
                           "1.5", ".inf", ".nan", "2001-12-14", "0x1F", "0o17", "1_000", "-1"}) {
    INFO(text);
    CHECK(yaml::plain_text_is_ambiguous(text));
  }
  for (const char* text : {"hello", "yes please", "focal", "1.2.3", "v1", "-.5", "on-off", "nope"}) {
    INFO(text);
    CHECK_FALSE(yaml::plain_text_is_ambiguous(text));
  }
}
