// YAML -> JSON with YAML 1.1 scalar typing (PyYAML safe_load), for the charm's own files.
#include "runtime/yaml_json.hpp"

#include <cmath>
#include <limits>
#include <regex>
#include <stdexcept>

namespace charm::detail {
namespace {

bool is_null_text(const std::string& s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::optional<bool> bool_text(const std::string& s) {
  static const char* yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
  static const char* no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
  for (const char* t : yes)
    if (s == t) return true;
  for (const char* t : no)
    if (s == t) return false;
  return std::nullopt;
}

nlohmann::json plain_scalar(const std::string& s) {
  static const std::regex int_re("[-+]?(0|[1-9][0-9_]*)");
  static const std::regex hex_re("[-+]?0x[0-9a-fA-F_]+");
  static const std::regex float_re("[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+][0-9]+)?");
  if (is_null_text(s)) return nullptr;
  if (auto b = bool_text(s)) return *b;
  std::string digits;
  for (char c : s)
    if (c != '_') digits += c;
  try {
    if (std::regex_match(s, int_re)) return std::stoll(digits);
    if (std::regex_match(s, hex_re)) return std::stoll(digits, nullptr, 16);
    if (std::regex_match(s, float_re) && s != "." && s != "+." && s != "-.") return std::stod(digits);
  } catch (const std::out_of_range&) {
    return s;  // too large for our integers; keep the text rather than lose digits
  }
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") return std::numeric_limits<double>::infinity();
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return -std::numeric_limits<double>::infinity();
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::nan("");
  return s;
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
