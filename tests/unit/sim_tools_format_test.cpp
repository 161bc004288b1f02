// The hook tools' output formats against what Go's encoding/json, gopkg.in/yaml.v2 and
// juju/cmd's FormatSmart print for the same values.
#include <catch2/catch.hpp>

#include "sim/tools/format.hpp"

using sim::tools::format_json;
using sim::tools::format_smart;
using sim::tools::format_yaml;
using sim::tools::GoValue;

namespace {

GoValue str(const std::string& s) { return GoValue::string(s); }

}  // namespace

TEST_CASE("json is compact with sorted keys, html escapes and a newline", "[sim_tools_format]") {
  GoValue v = GoValue::map({{"b", GoValue::integer(1)}, {"a", str("x<y>&z")}, {"c", GoValue()}});
  CHECK(format_json(v) == "{\"a\":\"x\\u003cy\\u003e\\u0026z\",\"b\":1,\"c\":null}\n");
  CHECK(format_json(GoValue()) == "null\n");
  CHECK(format_json(GoValue::strings({})) == "[]\n");
  CHECK(format_json(GoValue::strings({"a", "b"})) == "[\"a\",\"b\"]\n");
  CHECK(format_json(str("tab\there\nq\"\\\x01 \xe2\x80\xa8 \xc3\xa9")) ==
        "\"tab\\there\\nq\\\"\\\\\\u0001 \\u2028 \xc3\xa9\"\n");
  CHECK(format_json(GoValue::boolean(false)) == "false\n");
  // Struct fields keep their order; map keys sort bytewise.
  CHECK(format_json(GoValue::record({{"z", str("1")}, {"a", str("2")}})) == "{\"z\":\"1\",\"a\":\"2\"}\n");
  CHECK(format_json(GoValue::map({{"app/9", str("")}, {"app/10", str("")}})) == "{\"app/10\":\"\",\"app/9\":\"\"}\n");
}

TEST_CASE("json floats are spelled as Go spells float64", "[sim_tools_format]") {
  CHECK(format_json(GoValue::floating(1.0)) == "1\n");
  CHECK(format_json(GoValue::floating(0.5)) == "0.5\n");
  CHECK(format_json(GoValue::floating(2000000)) == "2000000\n");
  CHECK(format_json(GoValue::floating(1e21)) == "1e+21\n");
  CHECK(format_json(GoValue::floating(1e-7)) == "1e-7\n");
  CHECK(format_json(GoValue::floating(-0.000123)) == "-0.000123\n");
}

TEST_CASE("yaml quotes strings that would read back as something else", "[sim_tools_format]") {
  GoValue v = GoValue::map({{"t", str("true")},
                            {"n", str("123")},
                            {"e", str("")},
                            {"y", str("yes")},
                            {"f", str("1.5")},
                            {"h", str("0x1F")},
                            {"u", str("1_000")},
                            {"d", str("2024-01-02")},
                            {"s", str("1:20")},
                            {"p", str("plain text")},
                            {"a", str("10.0.0.1")},
                            {"z", str("~")}});
  CHECK(format_yaml(v) ==
        "a: 10.0.0.1\n"
        "d: \"2024-01-02\"\n"
        "e: \"\"\n"
        "f: \"1.5\"\n"
        "h: \"0x1F\"\n"
        "\"n\": \"123\"\n"  // y/n are YAML 1.1 booleans: yaml.v2 quotes them, keys too
        "p: plain text\n"
        "s: \"1:20\"\n"
        "t: \"true\"\n"
        "u: \"1_000\"\n"
        "\"y\": \"yes\"\n"
        "z: \"~\"\n");
}

TEST_CASE("yaml single-quotes what libyaml cannot write plain", "[sim_tools_format]") {
  CHECK(format_yaml(str("a: b")) == "'a: b'\n");
  CHECK(format_yaml(str("- x")) == "'- x'\n");
  CHECK(format_yaml(str("#x")) == "'#x'\n");
  CHECK(format_yaml(str("x #y")) == "'x #y'\n");
  CHECK(format_yaml(str(" lead")) == "' lead'\n");
  CHECK(format_yaml(str("'q")) == "'''q'\n");
  CHECK(format_yaml(str("it's")) == "it's\n");
  CHECK(format_yaml(str("a:b")) == "a:b\n");
  CHECK(format_yaml(str("tab\there")) == "\"tab\\there\"\n");
}

TEST_CASE("yaml writes multi-line strings as literal blocks", "[sim_tools_format]") {
  CHECK(format_yaml(str("a\nb")) == "|-\n  a\n  b\n");
  CHECK(format_yaml(GoValue::map({{"k", str("line 1\nline 2\n")}, {"j", str("x\n\ny")}})) ==
        "j: |-\n  x\n\n  y\nk: |\n  line 1\n  line 2\n");
  CHECK(format_yaml(GoValue::map({{"k", str(" indented\nx")}})) == "k: |2-\n   indented\n  x\n");
  // A trailing space rules the block out: double quotes.
  CHECK(format_yaml(str("a \nb")) == "\"a \\nb\"\n");
}

TEST_CASE("yaml nests maps and sequences as yaml.v2 does", "[sim_tools_format]") {
  GoValue v = GoValue::map({{"l", GoValue::strings({})},
                            {"e", GoValue::map({})},
                            {"a", GoValue::map({{"b", GoValue::strings({"x", "y"})}})},
                            {"m", GoValue::list({GoValue::map({{"k", str("v")}, {"j", GoValue::integer(1)}})})},
                            {"s", GoValue::list({GoValue::strings({"p", "q"})})}});
  CHECK(format_yaml(v) ==
        "a:\n  b:\n  - x\n  - \"y\"\n"
        "e: {}\n"
        "l: []\n"
        "m:\n- j: 1\n  k: v\n"
        "s:\n- - p\n  - q\n");
  CHECK(format_yaml(GoValue::map({})) == "{}\n");
  CHECK(format_yaml(GoValue()) == "");
}

TEST_CASE("yaml map keys sort with digit runs as numbers", "[sim_tools_format]") {
  GoValue v = GoValue::map({{"app/10", str("c")}, {"app/9", str("b")}, {"app/1", str("a")}, {"b", str("d")}});
  CHECK(format_yaml(v) == "app/1: a\napp/9: b\napp/10: c\nb: d\n");
}

TEST_CASE("yaml floats and numbers", "[sim_tools_format]") {
  CHECK(format_yaml(GoValue::floating(2000000)) == "2e+06\n");
  CHECK(format_yaml(GoValue::floating(1.0)) == "1\n");
  CHECK(format_yaml(GoValue::floating(0.5)) == "0.5\n");
  CHECK(format_yaml(GoValue::floating(0.0001)) == "0.0001\n");
  CHECK(format_yaml(GoValue::floating(0.00001)) == "1e-05\n");
  CHECK(format_yaml(GoValue::integer(2000000)) == "2000000\n");
  CHECK(format_yaml(GoValue::boolean(true)) == "true\n");
}

TEST_CASE("yaml folds long plain lines past 80 columns", "[sim_tools_format]") {
  std::string words;
  for (int i = 0; i < 20; ++i) words += (i ? " " : "") + std::string("abcd");
  std::string first;
  for (int i = 0; i < 16; ++i) first += (i ? " " : "") + std::string("abcd");
  CHECK(format_yaml(GoValue::map({{"m", str(words)}})) == "m: " + first + "\n  abcd abcd abcd abcd\n");
}

TEST_CASE("smart prints strings, bools and string lists bare, the rest as yaml", "[sim_tools_format]") {
  CHECK(format_smart(str("x")) == "x\n");
  CHECK(format_smart(str("")) == "");
  CHECK(format_smart(GoValue::boolean(true)) == "True\n");
  CHECK(format_smart(GoValue::boolean(false)) == "False\n");
  CHECK(format_smart(GoValue::strings({"a", "b"})) == "a\nb\n");
  CHECK(format_smart(GoValue::strings({})) == "");
  CHECK(format_smart(GoValue()) == "");
  CHECK(format_smart(GoValue::integer(5)) == "5\n");
  CHECK(format_smart(GoValue::map({{"k", str("v")}})) == "k: v\n");
  CHECK(format_smart(GoValue::list({str("a")})) == "- a\n");
}
