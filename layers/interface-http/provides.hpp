// http, provides side (a web service): publish where it listens. Keys are plain text, as the
// upstream interface sends them: hostname, private-address (both default to the unit's ingress
// address) and port.
#pragma once
#include <charm/charm.hpp>

#include <string>

namespace http_interface {

// Publishes on every relation of the endpoint; `address` "" = this unit's ingress address on
// each relation. Publishing the same values again sends nothing.
inline void publish(charm::Endpoint& endpoint, int port, const std::string& address = "") {
  for (charm::Relation& relation : endpoint.relations()) {
    std::string host = address;
    if (host.empty()) {
      const nlohmann::json network = charm::hookcmd::network_get(endpoint.name(), relation.id());
      host = network.value("ingress-addresses", nlohmann::json::array()).empty()
                 ? charm::hookcmd::unit_get("private-address")
                 : network["ingress-addresses"][0].get<std::string>();
    }
    charm::RawPublishData bag = relation.to_publish_raw();
    bag.set("hostname", host);
    bag.set("private-address", host);
    bag.set("port", std::to_string(port));
  }
}

}  // namespace http_interface
