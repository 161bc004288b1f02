#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "build/lock_file.hpp"
#include "util/error.hpp"

using build::Layer;
using build::LockFile;
using build::parse_lock_file;
using build::UseBranches;

namespace {

Layer layer(const std::string& url, const std::string& revision = "", const std::string& fetched_url = "") {
  Layer l;
  l.url = url;
  l.revision = revision;
  l.fetched_url = fetched_url;
  return l;
}

std::string error_of(const std::string& text) {
  try {
    parse_lock_file(text);
  } catch (const util::BuildError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("lock_file: render matches charm-tools byte for byte", "[lock_file]") {
  // Output of charm-tools 3.0.9 for a fetched layer, a local top layer and a fetched interface.
  std::string expected = R"({
  "locks": [
    {
      "type": "layer",
      "item": "layer:rbase",
      "url": "file:///tmp/remote/rbase.git",
      "vcs": null,
      "branch": "b8270ed9cd38cbbf762fac805394338d82c454d1",
      "commit": "b8270ed9cd38cbbf762fac805394338d82c454d1"
    },
    {
      "type": "layer",
      "item": "mycharm",
      "url": null,
      "vcs": null,
      "branch": null,
      "commit": ""
    },
    {
      "type": "layer",
      "item": "interface:http",
      "url": null,
      "vcs": null,
      "branch": null,
      "commit": ""
    }
  ]
})";
  std::string sha = "b8270ed9cd38cbbf762fac805394338d82c454d1";
  CHECK(build::render_lock_file({layer("layer:rbase", sha, "file:///tmp/remote/rbase.git"), layer("mycharm")},
                                {layer("interface:http")}) == expected);
}

TEST_CASE("lock_file: non-ASCII is escaped as Python's json.dumps does", "[lock_file]") {
  std::string text = build::render_lock_file({layer("layer:caf\xc3\xa9")}, {});
  CHECK(text.find(R"("item": "layer:caf\u00e9")") != std::string::npos);
}

TEST_CASE("lock_file: parse layer entries and look them up by item", "[lock_file]") {
  LockFile lock = parse_lock_file(R"({"locks": [
    {"type": "layer", "item": "layer:basic", "url": "https://x/basic.git", "vcs": null,
     "branch": "refs/heads/stable", "commit": "abc"},
    {"type": "layer", "item": "mycharm", "url": null, "vcs": null, "branch": null, "commit": ""},
    {"type": "layer", "item": "layer:basic", "commit": "def"}
  ]})");
  REQUIRE(lock.layers.size() == 2);
  const build::LayerLock* basic = lock.find("layer:basic");
  REQUIRE(basic);
  CHECK(basic->commit == "def");  // a later duplicate wins, as in charm-tools' dict
  CHECK(!basic->branch);
  CHECK(lock.find("mycharm")->url == std::nullopt);
  CHECK(lock.find("layer:other") == nullptr);
}

TEST_CASE("lock_file: locked_revision prefers a non-master branch only when asked", "[lock_file]") {
  build::LayerLock lock{"layer:x", std::nullopt, std::string("refs/heads/stable"), "abc"};
  CHECK(build::locked_revision(lock, UseBranches::no) == "abc");
  CHECK(build::locked_revision(lock, UseBranches::yes) == "stable");
  lock.branch = "refs/heads/master";
  CHECK(build::locked_revision(lock, UseBranches::yes) == "abc");
  lock.branch = "main";
  CHECK(build::locked_revision(lock, UseBranches::yes) == "abc");
  lock.branch = std::nullopt;
  CHECK(build::locked_revision(lock, UseBranches::yes) == "abc");
  lock.branch = "";
  lock.commit = "";
  CHECK(build::locked_revision(lock, UseBranches::yes) == "");
}

TEST_CASE("lock_file: python modules become wheelhouse lines", "[lock_file]") {
  LockFile lock = parse_lock_file(R"({"locks": [
    {"type": "python_module", "package": "requests", "version": "2.31.0", "vcs": null},
    {"type": "python_module", "package": "charms.reactive", "version": "0123abcd", "vcs": "git",
     "url": "https://github.com/juju-solutions/charms.reactive", "branch": "refs/heads/stable"},
    {"type": "python_module", "package": "requests", "version": "2.32.0", "vcs": null},
    {"type": "layer", "item": "layer:basic", "commit": "abc"}
  ]})");
  CHECK(build::python_module_lines(lock, UseBranches::no) ==
        std::vector<std::string>{"requests==2.32.0",
                                 "https://github.com/juju-solutions/charms.reactive@0123abcd#egg=charms.reactive"});
  CHECK(build::python_module_lines(lock, UseBranches::yes)[1] ==
        "https://github.com/juju-solutions/charms.reactive@stable#egg=charms.reactive");
}

TEST_CASE("lock_file: unknown entry types are set aside, not fatal", "[lock_file]") {
  LockFile lock = parse_lock_file(R"({"locks": [{"type": "snap", "item": "core"}]})");
  CHECK(lock.layers.empty());
  REQUIRE(lock.ignored.size() == 1);
  CHECK(lock.ignored[0] == "entry 1 (core) of type \"snap\"");
}

TEST_CASE("lock_file: malformed files say what is wrong", "[lock_file]") {
  CHECK_THAT(error_of("{\"locks\": ["), Catch::StartsWith("not valid JSON: "));
  CHECK(error_of("[]") == "expected a JSON object with a \"locks\" list, e.g. {\"locks\": []}");
  CHECK(error_of(R"({"locks": {}})") == "expected a JSON object with a \"locks\" list, e.g. {\"locks\": []}");
  CHECK(error_of(R"({"locks": [3]})") == "entry 1 must be an object, found 3");
  CHECK(error_of(R"({"locks": [{"item": "layer:a"}]})") == "entry 1 (layer:a) has no \"type\"");
  CHECK(error_of(R"({"locks": [{"type": "layer", "commit": "x"}]})") == "entry 1 has no \"item\"");
  CHECK(error_of(R"({"locks": [{"type": "layer", "item": "layer:a"}]})") == "entry 1 (layer:a) has no \"commit\"");
  CHECK(error_of(R"({"locks": [{"type": "layer", "item": "layer:a", "commit": null}]})") ==
        "entry 1 (layer:a): \"commit\" must be a string, found null");
  CHECK(error_of(R"({"locks": [{"type": "layer", "item": "layer:a", "commit": "", "branch": 1}]})") ==
        "entry 1 (layer:a): \"branch\" must be a string or null, found 1");
  CHECK(error_of(R"({"locks": [{"type": "python_module", "package": "p", "version": "1", "vcs": "hg"}]})") ==
        "entry 1 (p): unknown vcs \"hg\" (only null and \"git\" are understood)");
  CHECK(error_of(R"({"locks": [{"type": "python_module", "package": "p", "version": "1", "vcs": "git"}]})") ==
        "entry 1 (p): a git module needs a \"url\"");
}
