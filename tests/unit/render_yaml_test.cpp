#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "build/render_yaml.hpp"
#include "yaml/dump.hpp"
#include "yaml/load.hpp"

using build::normalize_include_path;
using build::order_metadata_keys;

namespace {

std::vector<std::string> ordered_keys(const std::string& text) {
  yaml::Value v = yaml::load(text);
  order_metadata_keys(v);
  std::vector<std::string> out;
  for (const auto& [k, value] : v.entries()) out.push_back(k.text());
  return out;
}

}  // namespace

TEST_CASE("render_yaml: normalize_include_path keeps the last two components", "[render_yaml]") {
  CHECK(normalize_include_path("layers/foo") == "layers/foo");
  CHECK(normalize_include_path("../x/foo") == "x/foo");
  CHECK(normalize_include_path("/a/b/c") == "b/c");
  CHECK(normalize_include_path("foo") == "foo");
  CHECK(normalize_include_path("/a") == "a");
  CHECK(normalize_include_path("../../deep/path/to/layer") == "to/layer");
  CHECK(normalize_include_path("/home/user/layers/my-layer") == "layers/my-layer");
  CHECK(normalize_include_path("../foo") == "foo");
}

TEST_CASE("render_yaml: order_metadata_keys puts the well-known keys first", "[render_yaml]") {
  CHECK(ordered_keys("zzz: 1\npeers: {}\nb-extra: 1\nname: x\nprovides: {}\nUpper: 1\nrequires: {}\nseries: []\n"
                     "tags: []\ndescription: d\nmaintainers: []\nmaintainer: m\nsummary: s\na-extra: 1\n") ==
        std::vector<std::string>{"name", "summary", "maintainer", "maintainers", "description", "tags", "series",
                                 "requires", "provides", "peers", "Upper", "a-extra", "b-extra", "zzz"});
}

TEST_CASE("render_yaml: order_metadata_keys sorts the other keys by code point", "[render_yaml]") {
  CHECK(ordered_keys("\xC3\xA9t\xC3\xA9: 1\nz: 1\nZ: 1\n_x: 1\n1a: 1\nsubordinate: false\nname: x\n") ==
        std::vector<std::string>{"name", "1a", "Z", "_x", "subordinate", "z", "\xC3\xA9t\xC3\xA9"});
  CHECK(ordered_keys("storage: {}\nresources: {}\nextra-bindings: {}\nterms: []\nmin-juju-version: '2.9'\n") ==
        std::vector<std::string>{"extra-bindings", "min-juju-version", "resources", "storage", "terms"});
}

TEST_CASE("render_yaml: order_metadata_keys keeps the values with their keys", "[render_yaml]") {
  yaml::Value v = yaml::load("requires:\n  db: {interface: mysql}\nextra: [1]\nname: x\nsummary: s\n");
  order_metadata_keys(v);
  CHECK(yaml::dump(v) == "name: x\nsummary: s\nrequires:\n  db:\n    interface: mysql\nextra:\n- 1\n");
  // Only the top level is reordered.
  yaml::Value nested = yaml::load("provides:\n  z: {interface: a}\n  a: {interface: b}\nname: x\n");
  order_metadata_keys(nested);
  CHECK(yaml::dump(nested) == "name: x\nprovides:\n  z:\n    interface: a\n  a:\n    interface: b\n");
  yaml::Value empty = yaml::Value::mapping();
  order_metadata_keys(empty);
  CHECK(empty.size() == 0);
}
