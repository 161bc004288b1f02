// Expected messages and filled options were produced by running the same inputs through
// charm-tools' lint logic on Debian's python3-jsonschema 4.10 (Draft4Validator extended with
// defaults). The last tests cover inputs on which upstream crashes; there we only promise
// sensible messages and no exception.
#include "build/layer_options.hpp"

#include <catch2/catch.hpp>

namespace {

using json = nlohmann::ordered_json;
using Messages = std::vector<std::string>;

struct Result {
  Messages messages;
  std::string options;  // dumped after validation, to show what was filled in
};

// `layers` is [[name, defines], ...] in build order.
Result run(const char* layers, const char* options) {
  std::vector<build::LayerDefines> defines;
  for (const auto& layer : json::parse(layers)) defines.push_back({layer[0].get<std::string>(), layer[1]});
  json opts = json::parse(options);
  Messages messages = build::validate_layer_options(opts, defines);
  return {messages, opts.dump()};
}

// The common case: one layer, "base".
Result run_base(const char* defines, const char* options) {
  return run(("[[\"base\", " + std::string(defines) + "]]").c_str(), options);
}

std::string canon(const char* text) { return json::parse(text).dump(); }

}  // namespace

TEST_CASE("layer_options: defaults fill every layer and append after existing keys", "[layer_options]") {
  {
    auto r = run(R"j([["base", {"port": {"type": "integer", "default": 8080}, )j"
                 R"j("name": {"type": "string"}}], ["top", {}]])j",
                 R"j({})j");
    CHECK(r.messages.empty());
    CHECK(r.options == canon(R"j({"base": {"port": 8080}, "top": {}})j"));
  }
  {
    auto r = run(R"j([["base", {"port": {"type": "integer", "default": 8080}, )j"
                 R"j("name": {"type": "string"}}], ["top", {}]])j",
                 R"j({"base": {"name": "x", "extra": 1}})j");
    CHECK(r.messages.empty());
    CHECK(r.options == canon(R"j({"base": {"name": "x", "extra": 1, "port": 8080}, "top": {}})j"));
  }
  {
    auto r = run(R"j([["base", {"port": {"type": "integer", "default": 80}}], ["mid", )j"
                 R"j({"debug": {"type": "boolean", "default": false}}], ["top", {}]])j",
                 R"j({"top": {"x": 1}, "mid": {"debug": "yes"}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option mid.debug: 'yes' is not of type 'boolean')j"});
    CHECK(r.options == canon(R"j({"top": {"x": 1}, "mid": {"debug": "yes"}, "base": {"port": 80}})j"));
  }
}

TEST_CASE("layer_options: nested defaults are inserted at every depth", "[layer_options]") {
  {
    auto r = run_base(R"j({"db": {"type": "object", "default": {}, )j"
                      R"j("properties": {"host": {"type": "string", "default": "localhost"}, )j"
                      R"j("opts": {"default": {}, "properties": {"ssl": {"default": true}}}}}})j",
                      R"j({})j");
    CHECK(r.messages.empty());
    CHECK(r.options == canon(R"j({"base": {"db": {"host": "localhost", "opts": {"ssl": true}}}})j"));
  }
  {
    auto r = run_base(R"j({"db": {"type": "object", "default": {}, )j"
                      R"j("properties": {"host": {"type": "string", "default": "localhost"}, )j"
                      R"j("port": {"type": "integer"}}}})j",
                      R"j({"base": {"db": {"port": "x"}}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.db.port: 'x' is not of type 'integer')j"});
    CHECK(r.options == canon(R"j({"base": {"db": {"port": "x", "host": "localhost"}}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"items": {"type": "object", "properties": {"x": {"default": 1}, )j"
                      R"j("y": {"type": "integer", "default": "no"}}}}})j",
                      R"j({"base": {"a": [{}, {"x": 5}]}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a.0.y: 'no' is not of type 'integer')j",
              R"j(Invalid value for option base.a.1.y: 'no' is not of type 'integer')j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": [{"x": 1, "y": "no"}, {"x": 5, "y": "no"}]}})j"));
  }
}

TEST_CASE("layer_options: a default is validated like a given value", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"type": "string", "default": 5}})j",
                      R"j({"base": {}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: 5 is not of type 'string')j"});
    CHECK(r.options == canon(R"j({"base": {"a": 5}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"type": "object", "minProperties": 2, )j"
                      R"j("properties": {"x": {"default": 1}}}, "b": {"minProperties": 2, )j"
                      R"j("type": "object", "properties": {"x": {"default": 1}}}})j",
                      R"j({"base": {"a": {}, "b": {}}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: {} does not have enough properties)j",
              R"j(Invalid value for option base.b: {} does not have enough properties)j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": {"x": 1}, "b": {"x": 1}}})j"));
  }
}

TEST_CASE("layer_options: charms.reactive is no undefined layer but fails the root schema", "[layer_options]") {
  {
    auto r = run(R"j([["base", {}], ["top", {}]])j",
                 R"j({"charms.reactive": {"a": 1}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option : Additional properties are not allowed )j"
                                 R"j(('charms.reactive' was unexpected))j"});
    CHECK(r.options == canon(R"j({"charms.reactive": {"a": 1}, "base": {}, "top": {}})j"));
  }
}

TEST_CASE("layer_options: undefined layers are reported sorted and stop validation", "[layer_options]") {
  {
    auto r = run_base(R"j({})j",
                      R"j({"zed": {}, "apt": 1, "charms.reactive": {}, "base": {}})j");
    CHECK(r.messages == Messages{R"j(Options set for undefined layers: apt, zed)j"});
    CHECK(r.options == canon(R"j({"zed": {}, "apt": 1, "charms.reactive": {}, "base": {}})j"));
  }
  {
    auto r = run_base(R"j({})j",
                      R"j({"apt": 1})j");
    CHECK(r.messages == Messages{R"j(Options set for undefined layer: apt)j"});
    CHECK(r.options == canon(R"j({"apt": 1})j"));
  }
}

TEST_CASE("layer_options: type: draft 4 integers, bools and lists of types", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"type": "integer"}, "b": {"type": "number"}, )j"
                      R"j("c": {"type": ["string", "null"]}, "d": {"type": "boolean"}, )j"
                      R"j("e": {"type": "array"}, "f": {"type": "object"}})j",
                      R"j({"base": {"a": 1.0, "b": true, "c": 5, "d": 0, "e": {"k": [1, "a", null, )j"
                      R"j(false, 2.5]}, "f": []}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 1.0 is not of type 'integer')j",
              R"j(Invalid value for option base.b: True is not of type 'number')j",
              R"j(Invalid value for option base.c: 5 is not of type 'string', 'null')j",
              R"j(Invalid value for option base.d: 0 is not of type 'boolean')j",
              R"j(Invalid value for option base.e: {'k': [1, 'a', None, False, )j"
              R"j(2.5]} is not of type 'array')j",
              R"j(Invalid value for option base.f: [] is not of type 'object')j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": 1.0, "b": true, "c": 5, "d": 0, "e": {"k": [1, "a", )j"
        R"j(null, false, 2.5]}, "f": []}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"type": "integer"}, "b": {"type": "number"}, "c": {"type": "null"}})j",
                      R"j({"base": {"a": true, "b": 1, "c": null}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: True is not of type 'integer')j"});
    CHECK(r.options == canon(R"j({"base": {"a": true, "b": 1, "c": null}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"type": ["integer", "string"]}, "b": {"type": []}, )j"
                      R"j("c": {"type": "integer", "default": 1}})j",
                      R"j({"base": {"a": 1.5, "b": 1}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 1.5 is not of type 'integer', 'string')j",
              R"j(Invalid value for option base.b: 1 is not of type )j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": 1.5, "b": 1, "c": 1}})j"));
  }
}

TEST_CASE("layer_options: a layer's options must be a mapping", "[layer_options]") {
  {
    auto r = run_base(R"j({})j",
                      R"j({"base": "nope"})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base: 'nope' is not of type 'object')j"});
    CHECK(r.options == canon(R"j({"base": "nope"})j"));
  }
}

TEST_CASE("layer_options: enum compares like jsonschema", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"enum": ["a", "b"]}, "b": {"enum": [1, 2]}, "c": {"enum": [1]}, )j"
                      R"j("d": {"enum": [true, [1, "x"], {"k": null}]}, "e": {"enum": [2]}})j",
                      R"j({"base": {"a": "c", "b": true, "c": 1.0, "d": {"k": null}, "e": 2.0}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 'c' is not one of ['a', 'b'])j",
              R"j(Invalid value for option base.b: True is not one of [1, 2])j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": "c", "b": true, "c": 1.0, "d": {"k": null}, )j"
        R"j("e": 2.0}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"enum": [0, 1]}, "b": {"enum": [false]}, "c": {"enum": [[true]]}, )j"
                      R"j("d": {"enum": ["1"]}})j",
                      R"j({"base": {"a": false, "b": 0, "c": [1], "d": 1}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: False is not one of [0, 1])j",
              R"j(Invalid value for option base.b: 0 is not one of [False])j",
              R"j(Invalid value for option base.d: 1 is not one of ['1'])j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": false, "b": 0, "c": [1], "d": 1}})j"));
  }
}

TEST_CASE("layer_options: minimum and maximum with exclusive flags", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"minimum": 3}, "b": {"maximum": 3}, "c": {"minimum": 3, )j"
                      R"j("exclusiveMinimum": true}, "d": {"maximum": 3.5, "exclusiveMaximum": true}, )j"
                      R"j("e": {"minimum": 1}})j",
                      R"j({"base": {"a": 2, "b": 5, "c": 3, "d": 3.5, "e": "x"}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 2 is less than the minimum of 3)j",
              R"j(Invalid value for option base.b: 5 is greater than the maximum of 3)j",
              R"j(Invalid value for option base.c: 3 is less than or equal to the minimum of 3)j",
              R"j(Invalid value for option base.d: 3.5 is greater than or equal to the maximum of 3.5)j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": 2, "b": 5, "c": 3, "d": 3.5, "e": "x"}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"maximum": 10, "exclusiveMaximum": true}, "b": {"minimum": 0.5}, )j"
                      R"j("c": {"maximum": 9007199254740993}, "d": {"minimum": 1, )j"
                      R"j("exclusiveMinimum": false}})j",
                      R"j({"base": {"a": 10, "b": 0, "c": 9007199254740994, "d": 1}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 10 is greater than or equal to the maximum of 10)j",
              R"j(Invalid value for option base.b: 0 is less than the minimum of 0.5)j",
              R"j(Invalid value for option base.c: 9007199254740994 is greater than the maximum of )j"
              R"j(9007199254740993)j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": 10, "b": 0, "c": 9007199254740994, "d": 1}})j"));
  }
}

TEST_CASE("layer_options: multipleOf with integer and float divisors", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"multipleOf": 3}, "b": {"multipleOf": 0.1}, )j"
                      R"j("c": {"multipleOf": 0.5}, "d": {"multipleOf": 2}, "e": {"multipleOf": 0.01}})j",
                      R"j({"base": {"a": 7, "b": 0.3, "c": 2.5, "d": 3.5, "e": 0.07}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 7 is not a multiple of 3)j",
              R"j(Invalid value for option base.b: 0.3 is not a multiple of 0.1)j",
              R"j(Invalid value for option base.d: 3.5 is not a multiple of 2)j",
              R"j(Invalid value for option base.e: 0.07 is not a multiple of 0.01)j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": 7, "b": 0.3, "c": 2.5, "d": 3.5, "e": 0.07}})j"));
  }
}

TEST_CASE("layer_options: minLength and maxLength count code points, pattern searches", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"minLength": 3}, "b": {"maxLength": 2}, )j"
                      R"j("c": {"pattern": "^[0-9]+$"}, "d": {"pattern": "b"}, "e": {"maxLength": 2}})j",
                      R"j({"base": {"a": "ab", "b": "abc", "c": "abc", "d": "abc", )j"
                      R"j("e": "\u00e9\u00e9"}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 'ab' is too short)j",
              R"j(Invalid value for option base.b: 'abc' is too long)j",
              R"j(Invalid value for option base.c: 'abc' does not match '^[0-9]+$')j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": "ab", "b": "abc", "c": "abc", "d": "abc", )j"
        R"j("e": "\u00e9\u00e9"}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"required": ["x"], "type": "object"}, "b": {"pattern": "^a.c$"}, )j"
                      R"j("c": {"pattern": "[0-9]{2}"}})j",
                      R"j({"base": {"a": "str", "b": "abc", "c": "x12y"}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: 'str' is not of type 'object')j"});
    CHECK(r.options == canon(R"j({"base": {"a": "str", "b": "abc", "c": "x12y"}})j"));
  }
}

TEST_CASE("layer_options: required runs in schema order relative to properties defaults", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"type": "object", "required": ["x", "y"]}, )j"
                      R"j("b": {"required": ["port"], "properties": {"port": {"default": 1}}}, )j"
                      R"j("c": {"properties": {"port": {"default": 1}}, "required": ["port"]}})j",
                      R"j({"base": {"a": {"x": 1}, "b": {}, "c": {}}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 'y' is a required property)j",
              R"j(Invalid value for option base.b: 'port' is a required property)j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": {"x": 1}, "b": {"port": 1}, "c": {"port": 1}}})j"));
  }
}

TEST_CASE("layer_options: additionalProperties and patternProperties", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"properties": {"x": {}}, "additionalProperties": false}, )j"
                      R"j("b": {"patternProperties": {"^x": {"type": "integer"}, "^y": {}}, )j"
                      R"j("additionalProperties": false}, )j"
                      R"j("c": {"additionalProperties": {"type": "string"}}, )j"
                      R"j("d": {"patternProperties": {"^x": {}}, "additionalProperties": false}})j",
                      R"j({"base": {"a": {"x": 1, "z": 2, "b": 3}, "b": {"xa": "s", "q": 1, "r": 2}, )j"
                      R"j("c": {"k": 1, "j": "ok"}, "d": {"q": 1}}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: Additional properties are not allowed ('b', )j"
              R"j('z' were unexpected))j",
              R"j(Invalid value for option base.b.xa: 's' is not of type 'integer')j",
              R"j(Invalid value for option base.b: 'q', 'r' do not match any of the regexes: '^x', )j"
              R"j('^y')j",
              R"j(Invalid value for option base.c.k: 1 is not of type 'string')j",
              R"j(Invalid value for option base.d: 'q' does not match any of the regexes: '^x')j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": {"x": 1, "z": 2, "b": 3}, "b": {"xa": "s", "q": 1, )j"
        R"j("r": 2}, "c": {"k": 1, "j": "ok"}, "d": {"q": 1}}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"patternProperties": {"^x": {"type": "integer"}}, )j"
                      R"j("additionalProperties": {"type": "string"}}, "b": {"properties": {"p": {}}, )j"
                      R"j("patternProperties": {"q": {}}, "additionalProperties": false}})j",
                      R"j({"base": {"a": {"xa": 1, "y": 2, "xb": "s"}, "b": {"p": 1, "aqa": 2, )j"
                      R"j("z": 3}}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a.xb: 's' is not of type 'integer')j",
              R"j(Invalid value for option base.a.y: 2 is not of type 'string')j",
              R"j(Invalid value for option base.b: 'z' does not match any of the regexes: 'q')j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": {"xa": 1, "y": 2, "xb": "s"}, "b": {"p": 1, "aqa": 2, )j"
        R"j("z": 3}}})j"));
  }
}

TEST_CASE("layer_options: items and additionalItems", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"items": {"type": "integer"}}, "b": {"items": [{"type": "string"}, )j"
                      R"j({"type": "integer"}], "additionalItems": false}, "c": {"items": [{}], )j"
                      R"j("additionalItems": {"type": "string"}}, "d": {"additionalItems": false}, )j"
                      R"j("e": {"items": [{}], "additionalItems": false}})j",
                      R"j({"base": {"a": [1, "x"], "b": ["s", 1, 3, 2], "c": [1, 2, "ok"], "d": [1, )j"
                      R"j(2], "e": [1, "b", "a"]}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a.1: 'x' is not of type 'integer')j",
              R"j(Invalid value for option base.b: Additional items are not allowed (2, )j"
              R"j(3 were unexpected))j",
              R"j(Invalid value for option base.c.1: 2 is not of type 'string')j",
              R"j(Invalid value for option base.e: Additional items are not allowed ('a', )j"
              R"j('b' were unexpected))j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": [1, "x"], "b": ["s", 1, 3, 2], "c": [1, 2, "ok"], )j"
        R"j("d": [1, 2], "e": [1, "b", "a"]}})j"));
  }
}

TEST_CASE("layer_options: array and object size keywords and uniqueItems", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"minItems": 2}, "b": {"maxItems": 1}, "c": {"uniqueItems": true}, )j"
                      R"j("d": {"uniqueItems": true}, "e": {"uniqueItems": true}, )j"
                      R"j("f": {"minProperties": 2}, "g": {"maxProperties": 1}})j",
                      R"j({"base": {"a": [1], "b": [1, 2], "c": [1, true], "d": [1, 1.0], )j"
                      R"j("e": [{"a": [1]}, {"a": [1]}], "f": {"x": 1}, "g": {"x": 1, "y": 2}}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: [1] is too short)j",
              R"j(Invalid value for option base.b: [1, 2] is too long)j",
              R"j(Invalid value for option base.d: [1, 1.0] has non-unique elements)j",
              R"j(Invalid value for option base.e: [{'a': [1]}, {'a': [1]}] has non-unique elements)j",
              R"j(Invalid value for option base.f: {'x': 1} does not have enough properties)j",
              R"j(Invalid value for option base.g: {'x': 1, 'y': 2} has too many properties)j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": [1], "b": [1, 2], "c": [1, true], "d": [1, 1.0], )j"
        R"j("e": [{"a": [1]}, {"a": [1]}], "f": {"x": 1}, "g": {"x": 1, "y": 2}}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"minLength": 2}, "b": {"maxLength": 0}, "c": {"minItems": 1}, )j"
                      R"j("d": {"maxProperties": 0}})j",
                      R"j({"base": {"a": "", "b": "x", "c": [], "d": {"k": {"n": [true]}}}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: '' is too short)j",
              R"j(Invalid value for option base.b: 'x' is too long)j",
              R"j(Invalid value for option base.c: [] is too short)j",
              R"j(Invalid value for option base.d: {'k': {'n': [True]}} has too many properties)j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": "", "b": "x", "c": [], "d": {"k": {"n": [true]}}}})j"));
  }
}

TEST_CASE("layer_options: allOf, anyOf, oneOf and not", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"allOf": [{"type": "string"}, {"minLength": 5}]}, )j"
                      R"j("b": {"anyOf": [{"type": "string"}, {"type": "integer"}]}, )j"
                      R"j("c": {"oneOf": [{"type": "integer"}, {"minimum": 0}]}, )j"
                      R"j("d": {"oneOf": [{"type": "string"}, {"type": "boolean"}]}, )j"
                      R"j("e": {"not": {"type": "integer"}}})j",
                      R"j({"base": {"a": 3, "b": 1.5, "c": 5, "d": 5, "e": 3}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 3 is not of type 'string')j",
              R"j(Invalid value for option base.b: 1.5 is not valid under any of the given schemas)j",
              R"j(Invalid value for option base.c: 5 is valid under each of {'minimum': 0}, )j"
              R"j({'type': 'integer'})j",
              R"j(Invalid value for option base.d: 5 is not valid under any of the given schemas)j",
              R"j(Invalid value for option base.e: 3 should not be valid under {'type': 'integer'})j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": 3, "b": 1.5, "c": 5, "d": 5, "e": 3}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"anyOf": []}, "b": {"allOf": [{"type": "string"}, )j"
                      R"j({"type": "boolean"}]}})j",
                      R"j({"base": {"a": 1, "b": 1}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 1 is not valid under any of the given schemas)j",
              R"j(Invalid value for option base.b: 1 is not of type 'string')j",
              R"j(Invalid value for option base.b: 1 is not of type 'boolean')j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": 1, "b": 1}})j"));
  }
}

TEST_CASE("layer_options: defaults inside anyOf, oneOf and not follow jsonschema", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"anyOf": [{"properties": {"x": {"default": 1}}, "required": ["zz"]}, )j"
                      R"j({"properties": {"y": {"default": 2}}}, )j"
                      R"j({"properties": {"z": {"default": 3}}}]}})j",
                      R"j({"base": {"a": {}}})j");
    CHECK(r.messages.empty());
    CHECK(r.options == canon(R"j({"base": {"a": {"x": 1, "y": 2}}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"not": {"required": ["q"], "properties": {"y": {"default": 2}}}}, )j"
                      R"j("b": {"not": {"properties": {"y": {"default": 2}}, "required": ["q"]}}})j",
                      R"j({"base": {"a": {}, "b": {}}})j");
    CHECK(r.messages.empty());
    CHECK(r.options == canon(R"j({"base": {"a": {}, "b": {"y": 2}}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"oneOf": [{"properties": {"x": {"default": 1}}}, )j"
                      R"j({"properties": {"y": {"default": 2}}}, {"type": "string"}, )j"
                      R"j({"properties": {"z": {"default": 3}}}]}})j",
                      R"j({"base": {"a": {}}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: {'x': 1, 'y': 2, )j"
      R"j('z': 3} is valid under each of {'properties': {'y': {'default': 2}}}, )j"
      R"j({'properties': {'z': {'default': 3}}}, {'properties': {'x': {'default': 1}}})j"});
    CHECK(r.options == canon(R"j({"base": {"a": {"x": 1, "y": 2, "z": 3}}})j"));
  }
}

TEST_CASE("layer_options: dependencies", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"dependencies": {"x": ["y", "z"], "w": {"required": ["v"]}}}})j",
                      R"j({"base": {"a": {"x": 1, "w": 2, "z": 3}}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 'y' is a dependency of 'x')j",
              R"j(Invalid value for option base.a: 'v' is a required property)j",
          });
    CHECK(r.options == canon(R"j({"base": {"a": {"x": 1, "w": 2, "z": 3}}})j"));
  }
}

TEST_CASE("layer_options: messages quote values in Python repr", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"type": "string"}})j",
                      R"j({"base": {"a": ["it's", "say \"hi\"", "both ' and \"", "tab\tnl\n\\", )j"
                      R"j("\u00e9\u2603\u0085\u00a0", 1e+16, 1000000000000000.0, 0.0001, 1e-05, )j"
                      R"j(1.5e-07, -0.0, 123.456, 1e+22, 2.5e+300]}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: ["it's", 'say "hi"', )j"
      R"j('both \' and "', 'tab\tnl\n\\', 'é☃\x85\xa0', 1e+16, 1000000000000000.0, 0.0001, 1e-05, )j"
      R"j(1.5e-07, -0.0, 123.456, 1e+22, 2.5e+300] is not of type 'string')j"});
    CHECK(r.options == canon(R"j({"base": {"a": ["it's", "say \"hi\"", "both ' and \"", )j"
        R"j("tab\tnl\n\\", "\u00e9\u2603\u0085\u00a0", 1e+16, 1000000000000000.0, 0.0001, 1e-05, )j"
        R"j(1.5e-07, -0.0, 123.456, 1e+22, 2.5e+300]}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"type": "string"}})j",
                      R"j({"base": {"a": [18446744073709551615, -9223372036854775808, 5e-324, )j"
                      R"j(1.7976931348623157e+308, 0.30000000000000004, 100.0, 1234567890123456.8, )j"
                      R"j(1.2345678901234568e+16, -1.5e-05, 0.001]}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: [18446744073709551615, )j"
      R"j(-9223372036854775808, 5e-324, 1.7976931348623157e+308, 0.30000000000000004, 100.0, )j"
      R"j(1234567890123456.8, 1.2345678901234568e+16, -1.5e-05, 0.001] is not of type 'string')j"});
    CHECK(r.options == canon(R"j({"base": {"a": [18446744073709551615, -9223372036854775808, 5e-324, )j"
        R"j(1.7976931348623157e+308, 0.30000000000000004, 100.0, 1234567890123456.8, )j"
        R"j(1.2345678901234568e+16, -1.5e-05, 0.001]}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"type": "integer"}})j",
                      R"j({"base": {"a": ["\u2028x", "\ud83d\ude00", "\u007f\u0000\u001b", )j"
                      R"j("\u00ad\u00e9\u3000\ufeff", "'", "\"", "\\'"]}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: ['\u2028x', '😀', )j"
      R"j('\x7f\x00\x1b', '\xadé\u3000\ufeff', "'", '"', "\\'"] is not of type 'integer')j"});
    CHECK(r.options == canon(R"j({"base": {"a": ["\u2028x", "\ud83d\ude00", "\u007f\u0000\u001b", )j"
        R"j("\u00ad\u00e9\u3000\ufeff", "'", "\"", "\\'"]}})j"));
  }
}

TEST_CASE("layer_options: local $ref is followed and its siblings still apply", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"$ref": "#/properties/base/properties/b"}, "b": {"type": "integer", )j"
                      R"j("maximum": 3}})j",
                      R"j({"base": {"a": 5}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: 5 is greater than the maximum of 3)j"});
    CHECK(r.options == canon(R"j({"base": {"a": 5}})j"));
  }
  {
    auto r = run_base(R"j({"a": {"$ref": "#/properties/base/properties/b", "type": "string"}, )j"
                      R"j("b": {"properties": {"x": {"default": "d"}}}})j",
                      R"j({"base": {"a": {}}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: {'x': 'd'} is not of type 'string')j"});
    CHECK(r.options == canon(R"j({"base": {"a": {"x": "d"}}})j"));
  }
}

TEST_CASE("layer_options: every error is reported, in jsonschema's order", "[layer_options]") {
  {
    auto r = run(R"j([["base", {"a": {"type": "integer", "minimum": 10, "enum": [1, 2]}, )j"
                 R"j("b": {"type": "string"}}], ["top", {"c": {"type": "object", )j"
                 R"j("properties": {"d": {"type": "integer"}}}}]])j",
                 R"j({"top": {"c": {"d": "x"}}, "base": {"b": 1, "a": 5}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: 5 is less than the minimum of 10)j",
              R"j(Invalid value for option base.a: 5 is not one of [1, 2])j",
              R"j(Invalid value for option base.b: 1 is not of type 'string')j",
              R"j(Invalid value for option top.c.d: 'x' is not of type 'integer')j",
          });
    CHECK(r.options == canon(R"j({"top": {"c": {"d": "x"}}, "base": {"b": 1, "a": 5}})j"));
  }
}

TEST_CASE("layer_options: format, title and description are not checked", "[layer_options]") {
  {
    auto r = run_base(R"j({"a": {"format": "email"}, "b": {"type": "string", "title": "t", )j"
                      R"j("description": "d"}})j",
                      R"j({"base": {"a": "nope", "b": "ok"}})j");
    CHECK(r.messages.empty());
    CHECK(r.options == canon(R"j({"base": {"a": "nope", "b": "ok"}})j"));
  }
}


TEST_CASE("layer_options: a repeated layer name merges its defines", "[layer_options]") {
  const char* layers = R"j([["base", {"a": {"type": "integer"}}], ["base", {"b": {"default": 1}}]])j";
  auto r = run(layers, R"j({"base": {"a": "x"}})j");
  CHECK(r.messages == Messages{R"j(Invalid value for option base.a: 'x' is not of type 'integer')j"});
  CHECK(r.options == canon(R"j({"base": {"a": "x", "b": 1}})j"));
}

TEST_CASE("layer_options: malformed options are reported, not thrown", "[layer_options]") {
  auto r = run_base(R"j({})j", R"j(null)j");
  CHECK(r.messages == Messages{R"j(Invalid value for option : None is not of type 'object')j"});
  r = run_base(R"j({})j", R"j([1])j");
  CHECK(r.messages == Messages{R"j(Invalid value for option : [1] is not of type 'object')j"});
}

// Upstream crashes on all of these (TypeError, AttributeError, re.error, RefResolutionError,
// RecursionError); we skip what cannot apply and report the rest.
TEST_CASE("layer_options: malformed schemas never throw", "[layer_options]") {
  SECTION("defines and subschemas that are not mappings are ignored") {
    CHECK(run_base(R"j([1, 2])j", R"j({"base": {"a": 1}})j").messages.empty());
    CHECK(run_base(R"j({"a": "text", "b": 5})j", R"j({"base": {"a": 1, "b": 2}})j").messages.empty());
  }
  SECTION("keyword values of the wrong kind are skipped") {
    auto r = run_base(R"j({"a": {"minimum": "x", "enum": 5, "required": "x", "type": 5, "multipleOf": 0, )j"
                      R"j("items": true, "properties": [1], "pattern": 3, "maxLength": null}})j",
                      R"j({"base": {"a": 3}})j");
    CHECK(r.messages.empty());
  }
  SECTION("a false schema rejects everything") {
    auto r = run_base(R"j({"a": false})j", R"j({"base": {"a": 1}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: False schema does not allow 1)j"});
  }
  SECTION("defaults are not applied to a value that is not a mapping") {
    auto r = run_base(R"j({"a": {"properties": {"x": {"default": 1}}}})j", R"j({"base": {"a": "s"}})j");
    CHECK(r.messages.empty());
    CHECK(r.options == canon(R"j({"base": {"a": "s"}})j"));
  }
  SECTION("an invalid pattern matches nothing") {
    auto r = run_base(R"j({"a": {"pattern": "("}, "b": {"patternProperties": {"(": {"type": "string"}}}})j",
                      R"j({"base": {"a": "x", "b": {"(": 1}}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: 'x' does not match '(')j"});
  }
  SECTION("an unknown type name matches nothing") {
    auto r = run_base(R"j({"a": {"type": "integr"}})j", R"j({"base": {"a": 3}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: 3 is not of type 'integr')j"});
  }
  SECTION("unresolvable and looping $refs") {
    auto r = run_base(R"j({"a": {"$ref": "#/definitions/nope"}, "b": {"$ref": "http://example.com/s.json"}})j",
                      R"j({"base": {"a": 1, "b": 2}})j");
    CHECK(r.messages == Messages{
              R"j(Invalid value for option base.a: Unresolvable JSON pointer: '#/definitions/nope')j",
              R"j(Invalid value for option base.b: Unresolvable JSON pointer: 'http://example.com/s.json')j",
          });
    r = run_base(R"j({"a": {"anyOf": [{"$ref": "#/properties/base/properties/a"}, {}]}})j",
                 R"j({"base": {"a": 1}})j");
    CHECK(r.messages == Messages{R"j(Invalid value for option base.a: Schema recursion is too deep (a $ref loop?))j"});
  }
}
