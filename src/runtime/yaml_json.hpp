// YAML documents of the charm (config.yaml, layer.yaml, metadata.yaml) as JSON values, with
// plain scalars typed the way PyYAML's safe_load types them (the Python runtime's view).
#pragma once
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace charm::detail {

nlohmann::json yaml_to_json(const YAML::Node& node);

// A scalar converted for a declared config option type ("string", "int", "float", "boolean");
// unknown types fall back to yaml_to_json. Null stays null.
nlohmann::json yaml_scalar_as(const YAML::Node& node, const std::string& type);

// The parsed file, or nullopt when it does not exist. Throws std::runtime_error naming the
// file when it cannot be parsed.
std::optional<YAML::Node> load_yaml_file(const std::filesystem::path& path);

}  // namespace charm::detail
