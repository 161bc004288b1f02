// Reads provides/requires/peers of metadata.yaml.
#include "runtime/metadata.hpp"

#include <algorithm>

#include "runtime/yaml_json.hpp"

namespace charm::detail {

CharmMetadata CharmMetadata::load(const std::filesystem::path& charm_dir) {
  auto doc = load_yaml_file(charm_dir / "metadata.yaml");
  std::vector<EndpointInfo> endpoints;
  if (!doc || !doc->IsMap()) return CharmMetadata(std::move(endpoints));
  for (const char* role : {"provides", "requires", "peers"}) {
    YAML::Node section = (*doc)[role];
    if (!section || !section.IsMap()) continue;
    for (const auto& entry : section) {
      EndpointInfo info{entry.first.Scalar(), role, ""};
      // Long form `name: {interface: x}`; Juju also accepts the short `name: x`.
      if (entry.second.IsMap() && entry.second["interface"]) info.interface = entry.second["interface"].Scalar();
      else if (entry.second.IsScalar()) info.interface = entry.second.Scalar();
      endpoints.push_back(std::move(info));
    }
  }
  return CharmMetadata(std::move(endpoints));
}

std::vector<std::string> CharmMetadata::endpoints_for(const std::string& role, const std::string& interface) const {
  std::vector<std::string> names;
  for (const auto& ep : m_endpoints)
    if (ep.role == role && ep.interface == interface) names.push_back(ep.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace charm::detail
