// YAML -> JSON with YAML 1.1 scalar typing (PyYAML safe_load), for the charm's own files.
#include "runtime/yaml_json.hpp"

#include <stdexcept>

#include "yaml/resolve_scalar.hpp"

namespace charm::detail {
namespace {

// The compiler's PyYAML 1.1 resolver (src/yaml/resolve_scalar.cpp, linked into libcharm too):
// hand-written, because compiling std::regex cost half of an idle hook's instructions.
nlohmann::json plain_scalar(const std::string& s) {
  yaml::Value v = yaml::resolve_plain_scalar(s, yaml::YamlVersion::v1_1);
  switch (v.kind()) {
    case yaml::Value::Kind::null: return nullptr;
    case yaml::Value::Kind::boolean: return v.as_bool();
    case yaml::Value::Kind::integer:
      // Integers beyond 64 bits keep their text rather than lose digits.
      if (v.text() != std::to_string(v.as_int())) return s;
      return v.as_int();
    case yaml::Value::Kind::floating: return v.as_double();
    default: return s;  // strings, and timestamps as written
  }
}

}  // namespace

nlohmann::json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: return nullptr;
    case YAML::NodeType::Scalar:
      // "!" is the tag of quoted scalars: always strings.
      if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return node.Scalar();
      return plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(yaml_to_json(item));
      return out;
    }
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& kv : node) out[kv.first.Scalar()] = yaml_to_json(kv.second);
      return out;
    }
  }
  return nullptr;
}

nlohmann::json yaml_scalar_as(const YAML::Node& node, const std::string& type) {
  nlohmann::json inferred = yaml_to_json(node);
  if (!node.IsScalar() || inferred.is_null()) return inferred;
  const std::string& text = node.Scalar();
  try {
    if (type == "string") return text;
    if (type == "int" && !inferred.is_number_integer()) return std::stoll(text);
    if (type == "float" && inferred.is_number()) return inferred.get<double>();
    if (type == "float") return std::stod(text);
  } catch (const std::exception&) {
    return inferred;  // Juju would reject the charm; keep what the text says
  }
  return inferred;
}

std::optional<YAML::Node> load_yaml_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  try {
    return YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(path.string() + ": cannot parse YAML: " + e.what());
  }
}

}  // namespace charm::detail
