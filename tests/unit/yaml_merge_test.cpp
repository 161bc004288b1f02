#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "yaml/dump.hpp"
#include "yaml/load.hpp"
#include "yaml/merge.hpp"
#include "yaml/value.hpp"

using yaml::DeleteResult;
using yaml::Value;

namespace {

// deep_merge(load(dest), load(src)), returned as dumped text (which shows kinds and order).
std::string merged(const std::string& dest, const std::string& src) {
  Value d = yaml::load(dest);
  yaml::deep_merge(d, yaml::load(src));
  return yaml::dump(d);
}

yaml::MergeConflict conflict(const std::string& dest, const std::string& src) {
  Value d = yaml::load(dest);
  try {
    yaml::deep_merge(d, yaml::load(src));
  } catch (const yaml::MergeConflict& e) {
    return e;
  }
  FAIL("no MergeConflict merging\n" << src << "\ninto\n" << dest);
  throw std::logic_error("unreachable");
}

std::string after_delete(const std::string& doc, const std::string& path, DeleteResult expected) {
  Value v = yaml::load(doc);
  CHECK(yaml::delete_path(v, path) == expected);
  return yaml::dump(v);
}

}  // namespace

TEST_CASE("yaml_merge: mappings recurse", "[yaml_merge]") {
  CHECK(merged("a:\n  x: 1\n  w: 2\n", "a:\n  w: 3\n  z: 4\n") == "a:\n  x: 1\n  w: 3\n  z: 4\n");
  CHECK(merged("a: {b: {c: 1, d: 2}}\n", "a: {b: {d: 3, e: 5}, f: 6}\n") ==
        "a:\n  b:\n    c: 1\n    d: 3\n    e: 5\n  f: 6\n");
  CHECK(merged("options:\n  port:\n    type: int\n    default: 80\n",
               "options:\n  port:\n    default: 8080\n  host:\n    type: string\n") ==
        "options:\n  port:\n    type: int\n    default: 8080\n  host:\n    type: string\n");
}

TEST_CASE("yaml_merge: lists append the items dest lacks, by deep equality", "[yaml_merge]") {
  CHECK(merged("l: [a, b]\n", "l: [b, c]\n") == "l:\n- a\n- b\n- c\n");
  // Existing duplicates stay; src duplicates are appended once.
  CHECK(merged("l: [a, a, b]\n", "l: [c, c, a, d]\n") == "l:\n- a\n- a\n- b\n- c\n- d\n");
  // Deep equality on nested items; mapping order does not matter.
  CHECK(merged("l: [{k: 1, j: 2}, [x]]\n", "l: [{j: 2, k: 1}, [x], [z], {k: 2}]\n") ==
        "l:\n- k: 1\n  j: 2\n- - x\n- - z\n- k: 2\n");
  // Python equality: 1 == 1.0 == true, but "1" differs.
  CHECK(merged("l: [1]\n", "l: [1.0, true, '1']\n") == "l:\n- 1\n- \"1\"\n");
  // The order of dest comes first.
  CHECK(merged("series: [focal]\n", "series: [jammy, focal, noble]\n") == "series:\n- focal\n- jammy\n- noble\n");
}

TEST_CASE("yaml_merge: falsy dest values are replaced", "[yaml_merge]") {
  CHECK(merged("a: ~\n", "a: {x: 1}\n") == "a:\n  x: 1\n");
  CHECK(merged("a: false\n", "a: [1]\n") == "a:\n- 1\n");
  CHECK(merged("a: 0\n", "a: {x: 1}\n") == "a:\n  x: 1\n");
  CHECK(merged("a: 0.0\n", "a: [x]\n") == "a:\n- x\n");
  CHECK(merged("a: ''\n", "a: {x: 1}\n") == "a:\n  x: 1\n");
  CHECK(merged("a: []\n", "a: {x: 1}\n") == "a:\n  x: 1\n");
  CHECK(merged("a: {}\n", "a: [x]\n") == "a:\n- x\n");
  CHECK(merged("a: []\n", "a: [x, x]\n") == "a:\n- x\n- x\n");  // a copy, not an append
  CHECK(merged("a:\n", "a: 5\n") == "a: 5\n");
}

TEST_CASE("yaml_merge: a scalar in src replaces whatever dest holds", "[yaml_merge]") {
  CHECK(merged("a: {x: 1}\n", "a: s\n") == "a: s\n");
  CHECK(merged("a: [1, 2]\n", "a: ~\n") == "a: null\n");
  CHECK(merged("a: [1, 2]\n", "a: false\n") == "a: false\n");
  CHECK(merged("a: old\n", "a: new\n") == "a: new\n");
  CHECK(merged("a: 1\n", "a: 'yes'\n") == "a: \"yes\"\n");
  CHECK(merged("a: {x: 1}\n", "a: ''\n") == "a: \"\"\n");
}

TEST_CASE("yaml_merge: an empty src collection leaves a truthy dest of its kind unchanged", "[yaml_merge]") {
  // An empty src collection is not merged into a truthy dest of the same kind: it is
  // iterated (nothing to add) for mappings and lists alike.
  CHECK(merged("a: {x: 1}\n", "a: {}\n") == "a:\n  x: 1\n");
  CHECK(merged("a: [1]\n", "a: []\n") == "a:\n- 1\n");
}

TEST_CASE("yaml_merge: new keys are appended and dest keeps its order", "[yaml_merge]") {
  CHECK(merged("b: 1\na: 2\n", "c: 3\na: 4\nd: 5\n") == "b: 1\na: 4\nc: 3\nd: 5\n");
  CHECK(merged("top:\n  z: 1\n  w: 2\n", "top:\n  a: 0\n  w: 9\n") == "top:\n  z: 1\n  w: 9\n  a: 0\n");
}

TEST_CASE("yaml_merge: empty documents on either side", "[yaml_merge]") {
  CHECK(merged("a: 1\nb: [x]\n", "") == "a: 1\nb:\n- x\n");
  CHECK(merged("", "a: 1\nb: [x]\n") == "a: 1\nb:\n- x\n");
  CHECK(merged("", "") == "{}\n");
}

TEST_CASE("yaml_merge: src values are copied, not shared", "[yaml_merge]") {
  Value dest = yaml::load("a: 1\n");
  Value src = yaml::load("b: {c: [1]}\n");
  yaml::deep_merge(dest, src);
  src.find("b")->find("c")->push_back(Value::integer(2));
  CHECK(yaml::dump(dest) == "a: 1\nb:\n  c:\n  - 1\n");
}

TEST_CASE("yaml_merge: merging is applied layer after layer", "[yaml_merge]") {
  Value acc = Value::mapping();
  for (const char* layer : {"name: base\nseries: [focal]\nrequires: {db: {interface: mysql}}\n",
                            "series: [jammy]\nprovides: {web: {interface: http}}\n",
                            "name: top\nrequires: {db: {limit: 1}}\n"})
    yaml::deep_merge(acc, yaml::load(layer));
  CHECK(yaml::dump(acc) ==
        "name: top\n"
        "series:\n- focal\n- jammy\n"
        "requires:\n  db:\n    interface: mysql\n    limit: 1\n"
        "provides:\n  web:\n    interface: http\n");
}

TEST_CASE("yaml_merge: a truthy dest and a collection src of another kind conflict", "[yaml_merge]") {
  yaml::MergeConflict map_vs_list = conflict("options:\n  port:\n    default: 5\n    x: {a: 1}\n",
                                             "options:\n  port:\n    x: [a]\n");
  CHECK(map_vs_list.key_path() == "options.port.x");
  CHECK(std::string(map_vs_list.what()) ==
        "incompatible types at options.port.x: a mapping below is merged with a list above");

  yaml::MergeConflict list_vs_map = conflict("a: [1]\n", "a: {b: 1}\n");
  CHECK(list_vs_map.key_path() == "a");
  CHECK(std::string(list_vs_map.what()).rfind("incompatible types at a: ", 0) == 0);

  yaml::MergeConflict scalar_vs_map = conflict("x:\n  y: text\n", "x:\n  y: {z: 1}\n");
  CHECK(scalar_vs_map.key_path() == "x.y");
  CHECK(std::string(scalar_vs_map.what()) == "incompatible types at x.y: a string below is merged with a mapping above");

  yaml::MergeConflict int_vs_list = conflict("n: 3\n", "n: [3]\n");
  CHECK(int_vs_list.key_path() == "n");

  yaml::MergeConflict true_vs_list = conflict("n: true\n", "n: [3]\n");
  CHECK(true_vs_list.key_path() == "n");
}

TEST_CASE("yaml_merge: delete_path removes a dotted key", "[yaml_merge]") {
  const std::string doc = "name: x\nrequires:\n  db:\n    interface: mysql\n  web:\n    interface: http\n";
  CHECK(after_delete(doc, "requires.db", DeleteResult::deleted) ==
        "name: x\nrequires:\n  web:\n    interface: http\n");
  CHECK(after_delete(doc, "name", DeleteResult::deleted) ==
        "requires:\n  db:\n    interface: mysql\n  web:\n    interface: http\n");
  CHECK(after_delete(doc, "requires.web.interface", DeleteResult::deleted) ==
        "name: x\nrequires:\n  db:\n    interface: mysql\n  web: {}\n");
  CHECK(after_delete("options:\n  port: {type: int}\n  host: {type: string}\n", "options.port",
                     DeleteResult::deleted) == "options:\n  host:\n    type: string\n");
}

TEST_CASE("yaml_merge: delete_path ignores a missing last key", "[yaml_merge]") {
  const std::string doc = "requires:\n  db:\n    interface: mysql\n";
  CHECK(after_delete(doc, "requires.nope", DeleteResult::missing_key) == "requires:\n  db:\n    interface: mysql\n");
  CHECK(after_delete(doc, "nope", DeleteResult::missing_key) == "requires:\n  db:\n    interface: mysql\n");
  CHECK(after_delete("", "anything", DeleteResult::missing_key) == "{}\n");
  // The key is a string: "1" does not delete an integer key 1.
  CHECK(after_delete("1: a\n", "1", DeleteResult::missing_key) == "1: a\n");
}

TEST_CASE("yaml_merge: delete_path reports a missing or non-mapping parent", "[yaml_merge]") {
  const std::string doc = "name: x\nrequires:\n  db:\n    interface: mysql\nseries: [focal]\n";
  CHECK(after_delete(doc, "provides.web", DeleteResult::missing_parent) == yaml::dump(yaml::load(doc)));
  CHECK(after_delete(doc, "requires.web.interface", DeleteResult::missing_parent) == yaml::dump(yaml::load(doc)));
  CHECK(after_delete(doc, "name.x", DeleteResult::missing_parent) == yaml::dump(yaml::load(doc)));
  CHECK(after_delete(doc, "series.focal", DeleteResult::missing_parent) == yaml::dump(yaml::load(doc)));
  CHECK(after_delete("a:\n", "a.b", DeleteResult::missing_parent) == "a: null\n");
  Value list = yaml::load("[a, b]");
  CHECK(yaml::delete_path(list, "a") == DeleteResult::missing_parent);
}
