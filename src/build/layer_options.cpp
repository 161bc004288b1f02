// charm-tools' LayerYAML.lint: options may only name layers that have a layer.yaml, then the
// whole mapping is checked against one schema built from every layer's `defines`, filling
// defaults as it goes (see json_schema_draft4.cpp for the validator itself).
#include "build/layer_options.hpp"

#include <algorithm>

#include "build/json_schema_draft4.hpp"

namespace build {
namespace {

using json = nlohmann::ordered_json;

// charm-tools' utils.deepmerge, used when a layer name repeats: a mapping merges into a
// non-empty mapping, anything else replaces.
void deepmerge(json& dest, const json& src) {
  for (const auto& [key, value] : src.items()) {
    auto it = dest.find(key);
    if (it != dest.end() && it->is_object() && !it->empty() && value.is_object())
      deepmerge(*it, value);
    else
      dest[key] = value;
  }
}

// {type: object, properties: {LAYER: {type: object, properties: DEFINES, default: {}}, ...},
//  additionalProperties: false}, layers in build order.
json build_schema(const std::vector<LayerDefines>& layers) {
  json properties = json::object();
  for (const auto& layer : layers) {
    json entry = json::object();
    entry["type"] = "object";
    entry["properties"] = layer.defines;
    entry["default"] = json::object();
    auto it = properties.find(layer.layer_name);
    if (it != properties.end())
      deepmerge(*it, entry);
    else
      properties[layer.layer_name] = std::move(entry);
  }
  json schema = json::object();
  schema["type"] = "object";
  schema["properties"] = std::move(properties);
  schema["additionalProperties"] = false;
  return schema;
}

}  // namespace

std::vector<std::string> validate_layer_options(nlohmann::ordered_json& options,
                                                const std::vector<LayerDefines>& layers) {
  json schema = build_schema(layers);
  if (options.is_object()) {
    // charms.reactive is let through here, and then fails additionalProperties (as upstream).
    std::vector<std::string> unknown;
    for (const auto& [name, value] : options.items())
      if (name != "charms.reactive" && !schema["properties"].contains(name)) unknown.push_back(name);
    if (!unknown.empty()) {
      // Upstream joins a Python set (arbitrary order); sorted is deterministic.
      std::sort(unknown.begin(), unknown.end());
      std::string message = unknown.size() > 1 ? "Options set for undefined layers: "
                                               : "Options set for undefined layer: ";
      for (size_t i = 0; i < unknown.size(); ++i) message += (i ? ", " : "") + unknown[i];
      return {message};
    }
  }
  std::vector<std::string> messages;
  for (const auto& error : validate_draft4_with_defaults(options, schema)) {
    // Upstream '.'.join()s the path and would crash on an array index; we print it in decimal.
    std::string path;
    for (size_t i = 0; i < error.path.size(); ++i) path += (i ? "." : "") + error.path[i];
    messages.push_back("Invalid value for option " + path + ": " + error.message);
  }
  return messages;
}

}  // namespace build
