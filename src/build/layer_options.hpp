// Validation of layer.yaml `options` against the `defines` of the layers, with defaults filled
// in: charm-tools' LayerYAML.lint (jsonschema Draft4Validator + extend_with_default).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace build {

// One layer that has a config file (layer.yaml), in build order (bottom layer first), with the
// `defines` mapping it declared (JSON-Schema draft-4 *properties*; an empty object when none).
struct LayerDefines {
  std::string layer_name;
  nlohmann::ordered_json defines;
};

// Validates the merged `options` mapping of layer.yaml and fills defaults in place.
// Returns one message per problem, empty when valid. Never throws for bad data.
// Messages: "Options set for undefined layer(s): a, b" (then nothing is validated or filled),
// or one "Invalid value for option PATH: MESSAGE" per jsonschema error, PATH dot-joined.
std::vector<std::string> validate_layer_options(nlohmann::ordered_json& options,
                                                const std::vector<LayerDefines>& layers);

}  // namespace build
