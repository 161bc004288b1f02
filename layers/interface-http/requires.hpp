// http, requires side (a client, proxy or load balancer): the services related units publish.
// endpoint.NAME.available is set while any unit has sent a port (requires.cpp).
#pragma once
#include <charm/charm.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace http_interface {

struct Host {
  std::string unit;      // "web/0"
  std::string hostname;  // what it sent as hostname, else private-address
  std::string port;
  bool operator<(const Host& other) const { return unit < other.unit; }
};

// Every joined unit that has sent a port, ordered by unit name.
inline std::vector<Host> hosts(charm::Endpoint& endpoint) {
  std::vector<Host> out;
  for (const charm::RelatedUnit* unit : endpoint.all_joined_units()) {
    const charm::ReceivedData& data = unit->received();
    std::string port = data.raw("port").value_or("");
    std::string host = data.raw("hostname").value_or("");
    if (host.empty()) host = data.raw("private-address").value_or("");
    if (!port.empty() && !host.empty()) out.push_back({unit->name(), host, port});
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace http_interface
