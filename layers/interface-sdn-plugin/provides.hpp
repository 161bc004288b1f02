// sdn-plugin, provides side (the container runtime): what the SDN unit sent.
// endpoint.NAME.available is set while a unit has sent all three keys (provides.cpp).
#pragma once
#include <charm/charm.hpp>

#include <optional>

#include "sdn-plugin/settings.hpp"

namespace sdn_plugin {

// The settings, once all three keys are there and not empty.
inline std::optional<Settings> received(charm::Endpoint& endpoint) {
  const charm::ReceivedData data = endpoint.received();
  Settings s{data.raw("mtu").value_or(""), data.raw("subnet").value_or(""), data.raw("cidr").value_or("")};
  if (s.mtu.empty() || s.subnet.empty() || s.cidr.empty()) return std::nullopt;
  return s;
}

}  // namespace sdn_plugin
