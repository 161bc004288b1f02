#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "build/layer_index.hpp"
#include "util/error.hpp"

using build::IndexResponse;
using build::LayerIndex;
using build::LayerKind;

namespace {

std::string error_of(const std::string& text) {
  try {
    build::parse_index_entry(text, "file:///idx/layers/x.json");
  } catch (const util::BuildError& e) {
    return e.what();
  }
  return "(no error)";
}

// An index reader over a fixed set of documents, recording what was asked.
struct FakeIndexes {
  std::map<std::string, IndexResponse> documents;
  std::vector<std::string> asked;
  build::IndexReader reader() {
    return [this](const std::string& url) {
      asked.push_back(url);
      auto it = documents.find(url);
      return it == documents.end() ? IndexResponse{} : it->second;
    };
  }
};

IndexResponse found(const std::string& body) { return {IndexResponse::Status::found, body, ""}; }

}  // namespace

TEST_CASE("layer_index: -i values split at commas, DEFAULT expanded, slash added", "[layer_index]") {
  using V = std::vector<std::string>;
  CHECK(build::expand_layer_indexes({}) == V{"https://juju.github.io/layer-index/"});
  CHECK(build::expand_layer_indexes({"file:///a/,DEFAULT"}) ==
        V{"file:///a/", "https://juju.github.io/layer-index/"});
  CHECK(build::expand_layer_indexes({"file:///a, https://b/x"}) == V{"file:///a/", "https://b/x/"});
  CHECK(build::expand_layer_indexes({","}) == V{"https://juju.github.io/layer-index/"});
}

TEST_CASE("layer_index: parse an entry with repo and subdir", "[layer_index]") {
  auto entry = build::parse_index_entry(
      R"({"id": "basic", "repo": "https://github.com/juju-solutions/layer-basic.git", "subdir": "./layers/basic/"})",
      "u");
  CHECK(entry.repo == "https://github.com/juju-solutions/layer-basic.git");
  CHECK(entry.subdir == "layers/basic/");
  CHECK(entry.entry_url == "u");
  CHECK(build::parse_index_entry(R"({"repo": "r", "subdir": "."})", "u").subdir == "");
  CHECK(build::parse_index_entry(R"({"repo": "r", "subdir": null})", "u").subdir == "");
}

TEST_CASE("layer_index: junk entries name the document and the problem", "[layer_index]") {
  const std::string prefix = "Layer index entry file:///idx/layers/x.json is not usable: ";
  CHECK_THAT(error_of("<html>Not here</html>"), Catch::StartsWith(prefix + "not valid JSON ("));
  CHECK(error_of("[1]") == prefix + "expected a JSON object such as {\"repo\": \"https://...\"}, found array");
  CHECK(error_of("{}") == prefix + "it has no \"repo\" string naming a git repository");
  CHECK(error_of(R"({"repo": 7})") == prefix + "it has no \"repo\" string naming a git repository");
  CHECK(error_of(R"({"repo": "  "})") == prefix + "it has no \"repo\" string naming a git repository");
  CHECK(error_of(R"({"repo": "r", "subdir": 1})") == prefix + "\"subdir\" must be a string");
  CHECK(error_of(R"({"repo": "r", "subdir": "../x"})") ==
        prefix + "\"subdir\" must be a path inside the repository, found \"../x\"");
  CHECK(error_of(R"({"repo": "r", "subdir": "/etc"})") ==
        prefix + "\"subdir\" must be a path inside the repository, found \"/etc\"");
}

TEST_CASE("layer_index: lookup asks each index, then the name without its prefix", "[layer_index]") {
  FakeIndexes fake;
  fake.documents["file:///b/layers/basic.json"] = found(R"({"repo": "https://example.com/basic.git"})");
  LayerIndex index({"file:///a/", "file:///b/"}, fake.reader());
  auto result = index.lookup(LayerKind::layer, "juju-layer-basic");
  REQUIRE(result.entry);
  CHECK(result.entry->repo == "https://example.com/basic.git");
  CHECK(result.entry->entry_url == "file:///b/layers/basic.json");
  CHECK(fake.asked == std::vector<std::string>{"file:///a/layers/juju-layer-basic.json",
                                               "file:///b/layers/juju-layer-basic.json",
                                               "file:///a/layers/basic.json", "file:///b/layers/basic.json"});
}

TEST_CASE("layer_index: interfaces live under interfaces/ with their own prefix", "[layer_index]") {
  FakeIndexes fake;
  fake.documents["file:///a/interfaces/http.json"] = found(R"({"repo": "https://example.com/http.git"})");
  LayerIndex index({"file:///a/"}, fake.reader());
  CHECK(index.lookup(LayerKind::interface, "juju-relation-http").entry);
  CHECK(!index.lookup(LayerKind::interface, "juju-layer-http").entry);
}

TEST_CASE("layer_index: an unreachable index is reported and not asked again", "[layer_index]") {
  FakeIndexes fake;
  fake.documents["https://down/layers/a.json"] = {IndexResponse::Status::unreachable, "", "no route"};
  LayerIndex index({"https://down/"}, fake.reader());
  auto first = index.lookup(LayerKind::layer, "a");
  CHECK(!first.entry);
  CHECK(first.unreachable == std::vector<std::string>{"https://down/: no route"});
  auto second = index.lookup(LayerKind::layer, "b");
  CHECK(second.unreachable == std::vector<std::string>{"https://down/: no route"});
  CHECK(second.tried.empty());
  CHECK(fake.asked.size() == 1);
}

TEST_CASE("layer_index: a junk document stops the lookup with an error", "[layer_index]") {
  FakeIndexes fake;
  fake.documents["file:///a/layers/x.json"] = found("not json");
  LayerIndex index({"file:///a/"}, fake.reader());
  CHECK_THROWS_WITH(index.lookup(LayerKind::layer, "x"),
                    Catch::StartsWith("Layer index entry file:///a/layers/x.json is not usable: not valid JSON"));
}
