// config.yaml (charms.py: CharmLinter.check_config_file).
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "proof/lint.hpp"
#include "proof/python_text.hpp"
#include "proof/yaml11.hpp"

namespace proof {

namespace {

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// re.match(r'^[a-z0-9]+(?:[\w-]*[a-z0-9]+)?$', name, re.IGNORECASE): alphanumeric at both
// ends, word characters or dashes between. Non-ASCII bytes count as word characters.
bool conforms_to_naming_pattern(std::string name) {
  if (!name.empty() && name.back() == '\n') name.pop_back();  // `$` matches before a final newline
  if (name.empty() || !is_ascii_alnum(name.front()) || !is_ascii_alnum(name.back())) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return is_ascii_alnum(c) || c == '_' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
  });
}

// isinstance(default, KNOWN_OPTION_TYPES[type]); a bool is an int, an int is not a float.
bool default_has_type(const yaml::Value& value, const std::string& type) {
  using Kind = yaml::Value::Kind;
  if (type == "string") return value.is_string();
  if (type == "int") return value.kind() == Kind::integer || value.kind() == Kind::boolean;
  if (type == "float") return value.kind() == Kind::floating;
  return value.kind() == Kind::boolean;
}

// repr(sorted(config)) without 'options'. Python cannot sort keys of different kinds, and
// 'options' is a string.
std::string ignored_keys(const yaml::Value& config) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : config.entries()) {
    if (!key.is_string()) throw Abort("config.yaml: top-level key " + py_str(key) + " must be a string");
    if (key.text() != "options") keys.push_back(key.text());
  }
  std::sort(keys.begin(), keys.end());
  std::string out = "[";
  for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + py_repr_string(keys[i]);
  return out + "]";
}

void check_option(const std::string& name, const yaml::Value& option, Linter& lint) {
  static const std::set<std::string> known_keys = {"default", "description", "type"};
  std::set<std::string> present;
  std::vector<std::string> unknown;
  for (const auto& [key, value] : option.entries()) {
    if (key.is_string() && known_keys.count(key.text()))
      present.insert(key.text());
    else
      unknown.push_back(py_str(key));
  }
  std::string missing;
  for (const auto& key : known_keys)
    if (!present.count(key)) missing += (missing.empty() ? "" : ", ") + key;
  if (!missing.empty()) lint.warn("config.yaml: option " + name + " does not have the keys: " + missing);
  if (!unknown.empty()) {
    std::sort(unknown.begin(), unknown.end());
    std::string listed;
    for (const auto& key : unknown) listed += (listed.empty() ? "" : ", ") + key;
    lint.warn("config.yaml: option " + name + " has unknown keys: " + listed);
  }
  if (const yaml::Value* description = option.find("description");
      description && (!description->is_string() || py_is_blank(description->text())))
    lint.warn("config.yaml: description of option " + name + " should be a non-empty string");

  const yaml::Value* type_value = option.find("type");
  std::string type = "string";
  if (type_value) {
    if (type_value->is_sequence() || type_value->is_mapping())
      throw Abort("config.yaml: option " + name + ": unhashable type: '" + py_type_name(*type_value) + "'");
    type = type_value->is_string() ? type_value->text() : "";
  }
  if (type != "string" && type != "int" && type != "float" && type != "boolean") {
    lint.warn("config.yaml: option " + name + " has an invalid type (" + py_str(*type_value) + ")");
    return;
  }
  const yaml::Value* default_value = option.find("default");
  if (!default_value) return;
  if (default_value->is_null())
    lint.info("config.yaml: option " + name + " has no default value");
  else if (!default_has_type(*default_value, type))
    lint.err("config.yaml: type of option " + name + " is specified as " + type +
             ", but the type of the default value is " + py_type_name(*default_value));
}

}  // namespace

void check_config(const std::string& dir, Linter& lint) {
  std::string path = join_path(dir, "config.yaml");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    lint.info("File config.yaml not found.");
    return;
  }
  yaml::Value config;
  try {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    config = load_yaml11(text.str());
  } catch (const yaml::ParseError& e) {
    lint.err("Cannot parse config.yaml: " + describe_parse_error(e));
    return;
  }
  if (!config.is_mapping()) {
    lint.err("config.yaml not parsed into a dictionary.");
    return;
  }
  const yaml::Value* options = config.find("options");
  if (!options) {
    lint.err("config.yaml must have an \"options\" key.");
    return;
  }
  if (config.size() > 1) lint.warn("Ignored keys in config.yaml: " + ignored_keys(config));
  if (!options->is_mapping()) {
    lint.err("config.yaml: options section is not parsed as a dictionary");
    return;
  }
  for (const auto& [key, option] : options->entries()) {
    if (!key.is_string()) throw Abort("config.yaml: option name " + py_str(key) + " must be a string");
    const std::string& name = key.text();
    if (!conforms_to_naming_pattern(name)) lint.err("config.yaml: " + name + " does not conform to naming pattern");
    if (!option.is_mapping()) {
      lint.err("config.yaml: data for option " + name + " is not a dict");
      continue;
    }
    check_option(name, option, lint);
  }
}

}  // namespace proof
