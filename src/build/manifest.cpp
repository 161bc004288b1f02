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

std::string render_manifest(const BuildContext& ctx) {
  nlohmann::json manifest;  // std::map-backed: keys sorted at every level, as upstream's sort_keys
  nlohmann::json layers = nlohmann::json::array();
  for (const Layer& layer : ctx.layers) layers.push_back(layer_entry(layer));
  for (const Layer& iface : ctx.interfaces) layers.push_back(layer_entry(iface));
  manifest["layers"] = layers;
  nlohmann::json signatures = nlohmann::json::object();
  for (const auto& [relpath, file] : ctx.output.files)
    signatures[relpath] = {file.owner, signature_kind_name(file.kind), file.sha256};
  signatures[".build.manifest"] = {"build", "dynamic", "unchecked"};
  manifest["signatures"] = signatures;
  return manifest.dump(2, ' ', /*ensure_ascii=*/true);
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
