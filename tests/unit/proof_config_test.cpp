// proof: config.yaml checks. Expected lines were produced by running the same files through
// charm-tools 3.0.9's CharmLinter.check_config_file (PyYAML 6, YAML 1.1 typing).
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "proof/proof.hpp"
#include "proof_fixture.hpp"

namespace {

using namespace proof_test;

// The config.yaml findings of a quiet charm with this config.yaml.
Lines proof_config(const std::string& config) {
  CharmDir charm;
  charm.write("metadata.yaml", "name: mycharm\ndisplay-name: X\nsummary: s\nmaintainer: J <j@x.com>\ntags: [a]\n"
                               "provides: {website: {interface: http}}\n");
  for (const char* hook : {"install", "start", "stop", "config-changed", "website-relation-joined"})
    charm.executable(std::string("hooks/") + hook);
  charm.write("icon.svg", "<svg/>\n");
  charm.write("copyright", "c\n");
  charm.write("README.md", "# mycharm\n");
  charm.write("config.yaml", config);
  return charm.proof();
}

}  // namespace

TEST_CASE("proof: a clean config.yaml", "[proof]") {
  CHECK(proof_config("options:\n"
                     "  string_opt: {type: string, description: A string, default: some text}\n"
                     "  int_opt: {type: int, description: An int, default: 2}\n"
                     "  float_opt: {type: float, default: 4.2, description: A float}\n"
                     "  bool_opt: {type: boolean, default: True, description: A bool}\n") == Lines{});
}

TEST_CASE("proof: config.yaml structure", "[proof]") {
  CHECK(proof_config("this is not a dictionary\n") == Lines{"E: config.yaml not parsed into a dictionary."});
  CHECK(proof_config("") == Lines{"E: config.yaml not parsed into a dictionary."});
  CHECK(proof_config("foo: bar\n") == Lines{"E: config.yaml must have an \"options\" key."});
  CHECK(proof_config("options: a string instead of a dict\n") ==
        Lines{"E: config.yaml: options section is not parsed as a dictionary"});
  CHECK(proof_config("options: {}\nnoise: 1\nabc: 2\n") == Lines{"W: Ignored keys in config.yaml: ['abc', 'noise']"});
  Lines parse_error = proof_config("options: {\n");
  REQUIRE(parse_error.size() == 1);
  CHECK(parse_error[0].rfind("E: Cannot parse config.yaml: 2:1: ", 0) == 0);
}

TEST_CASE("proof: config option names, keys and descriptions", "[proof]") {
  CHECK(proof_config("options:\n"
                     "  Bad_: {type: string, default: x, description: d}\n"
                     "  -x: {type: string, default: x, description: d}\n"
                     "  a_b-C1: {type: string, description: ok, default: ''}\n"
                     "  foo: just a string\n"
                     "  partial: {type: int, description: whatever}\n"
                     "  extra: {type: int, default: 3, description: 1, something: x, 42: y}\n"
                     "  blank: {type: int, default: 3, description: }\n") ==
        Lines{
            "E: config.yaml: Bad_ does not conform to naming pattern",
            "E: config.yaml: -x does not conform to naming pattern",
            "E: config.yaml: data for option foo is not a dict",
            "W: config.yaml: option partial does not have the keys: default",
            "W: config.yaml: option extra has unknown keys: 42, something",
            "W: config.yaml: description of option extra should be a non-empty string",
            "W: config.yaml: description of option blank should be a non-empty string",
        });
}

TEST_CASE("proof: config option types and defaults", "[proof]") {
  CHECK(proof_config("options:\n"
                     "  notype: {default: foo, description: d}\n"
                     "  strr: {type: strr, default: foo, description: d}\n"
                     "  five: {type: 5, description: d}\n"
                     "  nothing: {type: boolean, default: ~, description: d}\n"
                     "  s: {type: string, default: 17, description: d}\n"
                     "  i: {type: int, default: foo, description: d}\n") ==
        Lines{
            "W: config.yaml: option notype does not have the keys: type",
            "W: config.yaml: option strr has an invalid type (strr)",
            "W: config.yaml: option five does not have the keys: default",
            "W: config.yaml: option five has an invalid type (5)",
            "I: config.yaml: option nothing has no default value",
            "E: config.yaml: type of option s is specified as string, but the type of the default value is int",
            "E: config.yaml: type of option i is specified as int, but the type of the default value is str",
        });
}

TEST_CASE("proof: config defaults are typed as YAML 1.1 and judged as Python types", "[proof]") {
  // A bool passes as an int; an int fails as a float; yes/0755/2001-12-14/1:30 are 1.1 types.
  CHECK(proof_config("options:\n"
                     "  int-bool: {type: int, default: true, description: d}\n"
                     "  float-int: {type: float, default: 1, description: d}\n"
                     "  bool-yes: {type: boolean, default: yes, description: d}\n"
                     "  str-octal: {type: string, default: 0755, description: d}\n"
                     "  str-date: {type: string, default: 2001-12-14, description: d}\n"
                     "  str-sexagesimal: {type: string, default: 1:30, description: d}\n"
                     "  str-list: {type: string, default: [1], description: d}\n"
                     "  str-dict: {type: string, default: {a: 1}, description: d}\n"
                     "  bool-string: {type: boolean, default: 'yes', description: d}\n") ==
        Lines{
            "E: config.yaml: type of option float-int is specified as float, but the type of the default value is int",
            "E: config.yaml: type of option str-octal is specified as string, but the type of the default value is int",
            "E: config.yaml: type of option str-date is specified as string, but the type of the default value is date",
            "E: config.yaml: type of option str-sexagesimal is specified as string, but the type of the default value "
            "is int",
            "E: config.yaml: type of option str-list is specified as string, but the type of the default value is list",
            "E: config.yaml: type of option str-dict is specified as string, but the type of the default value is dict",
            "E: config.yaml: type of option bool-string is specified as boolean, but the type of the default value is "
            "str",
        });
}
