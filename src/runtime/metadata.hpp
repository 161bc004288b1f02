// The charm's relation endpoints from metadata.yaml, for `{role:interface}` hook patterns and
// endpoint handlers.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace charm::detail {

struct EndpointInfo {
  std::string name, role, interface;  // role: provides | requires | peers
};

class CharmMetadata {
 public:
  CharmMetadata() = default;
  explicit CharmMetadata(std::vector<EndpointInfo> endpoints) : m_endpoints(std::move(endpoints)) {}
  // A missing metadata.yaml gives no endpoints; a broken one throws std::runtime_error.
  static CharmMetadata load(const std::filesystem::path& charm_dir);

  // Endpoint names with this role and interface, sorted (charm-helpers'
  // role_and_interface_to_relations). The role must be spelled as in metadata.yaml.
  std::vector<std::string> endpoints_for(const std::string& role, const std::string& interface) const;
  const std::vector<EndpointInfo>& endpoints() const { return m_endpoints; }

 private:
  std::vector<EndpointInfo> m_endpoints;
};

}  // namespace charm::detail
