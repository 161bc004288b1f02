// The sdn-plugin interface: an SDN charm (requires side, a container-scoped subordinate) tells
// the container runtime on its machine (provides side, e.g. layer:docker) which bridge address
// and MTU to use. Keys are plain text, as the upstream interface sends them:
//   mtu "1450", subnet "10.1.57.1/24" (the bridge's address, dockerd's bip), cidr "10.1.0.0/16".
#pragma once
#include <string>

namespace sdn_plugin {

struct Settings {
  std::string mtu;     // "1450"
  std::string subnet;  // "10.1.57.1/24"
  std::string cidr;    // "10.1.0.0/16"
  bool operator==(const Settings&) const = default;
};

}  // namespace sdn_plugin
