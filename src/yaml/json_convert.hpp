// Conversion between YAML Values and ordered JSON (for schema validation of layer options).
#pragma once
#include <nlohmann/json.hpp>

#include "yaml/value.hpp"

namespace yaml {

nlohmann::ordered_json to_json(const Value& value);
Value from_json(const nlohmann::ordered_json& json);

}  // namespace yaml
