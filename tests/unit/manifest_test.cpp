#include <catch2/catch.hpp>
#include <string>

#include "build/context.hpp"
#include "build/manifest.hpp"

using build::BuildContext;
using build::Layer;
using build::LayerKind;
using build::OutputFile;
using build::SignatureKind;

namespace {

Layer layer(const std::string& url, const std::string& revision, LayerKind kind = LayerKind::layer) {
  Layer l;
  l.kind = kind;
  l.url = url;
  l.name = url;
  l.revision = revision;
  return l;
}

OutputFile file(const std::string& owner, SignatureKind kind, const std::string& sha) {
  OutputFile f;
  f.owner = owner;
  f.kind = kind;
  f.sha256 = sha;
  f.bytes = "content";
  return f;
}

const std::string sha_a = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const std::string sha_b = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

}  // namespace

TEST_CASE("manifest: an empty build lists only the manifest itself", "[manifest]") {
  BuildContext ctx;
  CHECK(build::render_manifest(ctx) ==
        "{\n"
        "  \"layers\": [],\n"
        "  \"signatures\": {\n"
        "    \".build.manifest\": [\n"
        "      \"build\",\n"
        "      \"dynamic\",\n"
        "      \"unchecked\"\n"
        "    ]\n"
        "  }\n"
        "}");
}

TEST_CASE("manifest: layers bottom-up then interfaces, signatures sorted", "[manifest]") {
  BuildContext ctx;
  ctx.layers.push_back(layer("layer:basic", "0123abc"));
  ctx.layers.push_back(layer("layers/mid", ""));
  ctx.layers.push_back(layer("mycharm", "fedcba9"));
  ctx.interfaces.push_back(layer("interface:http", "", LayerKind::interface));
  ctx.interfaces.push_back(layer("interface:mysql", "77aa", LayerKind::interface));
  ctx.output.put("hooks/install", file("layer:basic", SignatureKind::dynamic_file, sha_a));
  ctx.output.put("README.md", file("mycharm", SignatureKind::static_file, sha_b));
  ctx.output.put("hooks/relations/http/provides.py", file("interface:http", SignatureKind::static_file, sha_a));
  ctx.output.put("metadata.yaml", file("layers/mid", SignatureKind::dynamic_file, sha_b));
  ctx.output.add_directory("empty/dir");
  CHECK(build::render_manifest(ctx) ==
        "{\n"
        "  \"layers\": [\n"
        "    {\n"
        "      \"branch\": \"0123abc\",\n"
        "      \"rev\": \"0123abc\",\n"
        "      \"url\": \"layer:basic\"\n"
        "    },\n"
        "    {\n"
        "      \"rev\": \"\",\n"
        "      \"url\": \"layers/mid\"\n"
        "    },\n"
        "    {\n"
        "      \"branch\": \"fedcba9\",\n"
        "      \"rev\": \"fedcba9\",\n"
        "      \"url\": \"mycharm\"\n"
        "    },\n"
        "    {\n"
        "      \"rev\": \"\",\n"
        "      \"url\": \"interface:http\"\n"
        "    },\n"
        "    {\n"
        "      \"branch\": \"77aa\",\n"
        "      \"rev\": \"77aa\",\n"
        "      \"url\": \"interface:mysql\"\n"
        "    }\n"
        "  ],\n"
        "  \"signatures\": {\n"
        "    \".build.manifest\": [\n"
        "      \"build\",\n"
        "      \"dynamic\",\n"
        "      \"unchecked\"\n"
        "    ],\n"
        "    \"README.md\": [\n"
        "      \"mycharm\",\n"
        "      \"static\",\n"
        "      \"" + sha_b + "\"\n"
        "    ],\n"
        "    \"hooks/install\": [\n"
        "      \"layer:basic\",\n"
        "      \"dynamic\",\n"
        "      \"" + sha_a + "\"\n"
        "    ],\n"
        "    \"hooks/relations/http/provides.py\": [\n"
        "      \"interface:http\",\n"
        "      \"static\",\n"
        "      \"" + sha_a + "\"\n"
        "    ],\n"
        "    \"metadata.yaml\": [\n"
        "      \"layers/mid\",\n"
        "      \"dynamic\",\n"
        "      \"" + sha_b + "\"\n"
        "    ]\n"
        "  }\n"
        "}");
}

TEST_CASE("manifest: non-ASCII text is escaped as Python's json.dumps does", "[manifest]") {
  BuildContext ctx;
  ctx.layers.push_back(layer("caf\xC3\xA9", ""));
  ctx.output.put("caf\xC3\xA9.txt", file("caf\xC3\xA9", SignatureKind::static_file, sha_a));
  ctx.output.put("smile-\xF0\x9F\x98\x80", file("caf\xC3\xA9", SignatureKind::static_file, sha_a));
  ctx.output.put("quote\"back\\slash\ttab", file("caf\xC3\xA9", SignatureKind::static_file, sha_a));
  ctx.output.put("del\x7f", file("caf\xC3\xA9", SignatureKind::static_file, sha_a));
  const std::string text = build::render_manifest(ctx);
  CHECK(text ==
        "{\n"
        "  \"layers\": [\n"
        "    {\n"
        "      \"rev\": \"\",\n"
        "      \"url\": \"caf\\u00e9\"\n"
        "    }\n"
        "  ],\n"
        "  \"signatures\": {\n"
        "    \".build.manifest\": [\n"
        "      \"build\",\n"
        "      \"dynamic\",\n"
        "      \"unchecked\"\n"
        "    ],\n"
        "    \"caf\\u00e9.txt\": [\n"
        "      \"caf\\u00e9\",\n"
        "      \"static\",\n"
        "      \"" + sha_a + "\"\n"
        "    ],\n"
        "    \"del\\u007f\": [\n"
        "      \"caf\\u00e9\",\n"
        "      \"static\",\n"
        "      \"" + sha_a + "\"\n"
        "    ],\n"
        "    \"quote\\\"back\\\\slash\\ttab\": [\n"
        "      \"caf\\u00e9\",\n"
        "      \"static\",\n"
        "      \"" + sha_a + "\"\n"
        "    ],\n"
        "    \"smile-\\ud83d\\ude00\": [\n"
        "      \"caf\\u00e9\",\n"
        "      \"static\",\n"
        "      \"" + sha_a + "\"\n"
        "    ]\n"
        "  }\n"
        "}");
  for (unsigned char c : text) CHECK(c < 0x80);
}

TEST_CASE("manifest: the manifest's own entry always wins and there is no trailing newline", "[manifest]") {
  BuildContext ctx;
  ctx.output.put(".build.manifest", file("mycharm", SignatureKind::static_file, sha_a));
  const std::string text = build::render_manifest(ctx);
  CHECK(text.find("\"build\",\n      \"dynamic\",\n      \"unchecked\"") != std::string::npos);
  CHECK(text.find("mycharm") == std::string::npos);
  REQUIRE_FALSE(text.empty());
  CHECK(text.back() == '}');
}
