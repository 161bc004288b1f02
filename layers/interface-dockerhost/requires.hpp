// dockerhost, requires side (a container-scoped subordinate): the Docker host's daemon URL.
// endpoint.NAME.available is set while the host has sent one (requires.cpp).
#pragma once
#include <charm/charm.hpp>

#include <optional>
#include <string>

namespace dockerhost {

// The URL the host sent ("unix:///var/run/docker.sock"), if any.
inline std::optional<std::string> url(charm::Endpoint& endpoint) {
  auto value = endpoint.received().raw("url");
  if (!value || value->empty()) return std::nullopt;
  return value;
}

}  // namespace dockerhost
