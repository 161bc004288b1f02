#include "sim/charm_info.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "yaml/json_convert.hpp"
#include "yaml/load.hpp"

namespace sim {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json load_yaml_file(const fs::path& path, bool required) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (required) throw std::runtime_error(path.parent_path().string() + " is not a charm directory: it has no metadata.yaml");
    return json::object();
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    nlohmann::ordered_json data = yaml::to_json(yaml::load(text.str()));
    if (data.is_null()) return json::object();
    if (!data.is_object()) throw std::runtime_error(path.string() + ": expected a mapping at the top level");
    return json::parse(data.dump());
  } catch (const yaml::ParseError& e) {
    throw std::runtime_error(yaml::format_parse_error(path.string(), text.str(), e));
  }
}

std::string type_name_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return "string";
}

}  // namespace

CharmInfo load_charm_info(const fs::path& dir) {
  const json metadata = load_yaml_file(dir / "metadata.yaml", true);
  CharmInfo info;
  info.name = metadata.value("name", "");
  if (info.name.empty()) throw std::runtime_error((dir / "metadata.yaml").string() + ": the charm has no name");
  info.subordinate = metadata.value("subordinate", false);
  for (const char* role : {"provides", "requires", "peers"}) {
    if (!metadata.contains(role) || !metadata[role].is_object()) continue;
    for (const auto& [name, spec] : metadata[role].items()) {
      EndpointSpec e;
      e.name = name;
      e.role = role;
      if (spec.is_string()) {
        e.interface = spec.get<std::string>();
      } else if (spec.is_object()) {
        e.interface = spec.value("interface", "");
        e.scope = spec.value("scope", "global");
      }
      if (e.interface.empty())
        throw std::runtime_error((dir / "metadata.yaml").string() + ": endpoint \"" + name + "\" has no interface");
      info.endpoints.push_back(e);
    }
  }
  // Every charm implicitly provides juju-info (what subordinates relate to).
  if (!info.endpoint("juju-info")) info.endpoints.push_back({"juju-info", "provides", "juju-info", "global"});
  if (metadata.contains("storage") && metadata["storage"].is_object())
    for (const auto& [name, spec] : metadata["storage"].items())
      info.storage.push_back({name, spec.is_object() ? spec.value("type", "filesystem") : "filesystem",
                              spec.is_object() ? spec.value("location", "") : ""});
  if (metadata.contains("resources") && metadata["resources"].is_object())
    for (const auto& [name, spec] : metadata["resources"].items()) info.resources.push_back(name);

  const json config = load_yaml_file(dir / "config.yaml", false);
  if (config.contains("options") && config["options"].is_object())
    for (const auto& [name, spec] : config["options"].items()) {
      ConfigOption o;
      if (spec.is_object()) {
        o.type = type_name_of(spec.value("type", json("string")));
        o.default_value = spec.value("default", json());
        o.description = spec.value("description", "");
      }
      info.config[name] = o;
    }
  info.actions = load_yaml_file(dir / "actions.yaml", false);
  return info;
}

}  // namespace sim
