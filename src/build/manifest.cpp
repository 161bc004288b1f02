#include "build/manifest.hpp"

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/file.hpp"

namespace build {

namespace {

nlohmann::json layer_entry(const Layer& layer) {
  nlohmann::json entry = {{"rev", layer.revision}, {"url", layer.url}};
  if (!layer.revision.empty()) entry["branch"] = layer.revision;  // upstream records the revision as branch
  if (!layer.fetched_url.empty()) entry["fetched_url"] = layer.fetched_url;
  return entry;
}

}  // namespace

// The text of json.dumps(manifest, indent=2, sort_keys=True) with ASCII escapes, as upstream
// writes it. The signatures are written entry by entry rather than built as one JSON value:
// on a 10,000-file charm that value was megabytes at the build's peak of memory.
std::string render_manifest(const BuildContext& ctx) {
  nlohmann::json layers = nlohmann::json::array();
  for (const Layer& layer : ctx.layers) layers.push_back(layer_entry(layer));
  for (const Layer& iface : ctx.interfaces) layers.push_back(layer_entry(iface));
  std::string text = nlohmann::json{{"layers", layers}}.dump(2, ' ', /*ensure_ascii=*/true);
  text.resize(text.size() - 2);  // reopen the object: "layers" sorts before "signatures"
  text += ",\n  \"signatures\": {";
  auto quoted = [](const std::string& s) { return nlohmann::json(s).dump(-1, ' ', /*ensure_ascii=*/true); };
  auto add = [&, first = true](const std::string& relpath, const std::string& owner, const char* kind,
                               const std::string& sha256) mutable {
    text += first ? "\n    " : ",\n    ";
    first = false;
    text += quoted(relpath) + ": [\n      " + quoted(owner) + ",\n      \"" + kind + "\",\n      " + quoted(sha256) + "\n    ]";
  };
  const std::string self = ".build.manifest";
  bool self_written = false;
  for (const auto& [relpath, file] : ctx.output.files) {  // std::map: byte order, as sort_keys
    if (!self_written && self < relpath) {
      add(self, "build", "dynamic", "unchecked");
      self_written = true;
    }
    if (relpath == self) continue;
    add(relpath, file.owner, signature_kind_name(file.kind), file.sha256);
  }
  if (!self_written) add(self, "build", "dynamic", "unchecked");
  text += "\n  }\n}";
  return text;
}

std::optional<Signatures> read_manifest_signatures(const fs::path& manifest_path) {
  auto text = util::read_file_if_exists(manifest_path);
  if (!text) return std::nullopt;
  try {
    auto json = nlohmann::json::parse(*text);
    Signatures out;
    for (const auto& [relpath, signature] : json.at("signatures").items())
      out[relpath] = signature.get<std::vector<std::string>>();
    return out;
  } catch (const nlohmann::json::exception& e) {
    throw util::BuildError(manifest_path.string() + " is not a valid build manifest (" + e.what() +
                           "); remove it or the whole build directory to start afresh");
  }
}

}  // namespace build
