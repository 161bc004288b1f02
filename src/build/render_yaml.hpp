// Stage 3b: the merged YAML files (metadata, config, actions, dist, resources) and layer.yaml.
#pragma once
#include "build/context.hpp"

namespace build {

// Returns the merged metadata (an empty mapping when no layer has metadata.yaml) for the hook stage.
yaml::Value render_yaml_files(BuildContext& ctx);
void render_layer_yaml(BuildContext& ctx);

// charm-tools' key order for metadata.yaml: the well-known keys first, the rest sorted.
void order_metadata_keys(yaml::Value& metadata);

// The output form of a path include: its last two components ("../x/foo" -> "x/foo").
std::string normalize_include_path(const std::string& include);

}  // namespace build
