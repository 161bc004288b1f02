// dockerhost, provides side (the Docker host): tell container-scoped subordinates on this
// machine where the daemon listens, as the key `url` ("unix:///var/run/docker.sock").
// Publish while endpoint.NAME.joined (the runtime's flag) is set.
#pragma once
#include <charm/charm.hpp>

#include <string>

namespace dockerhost {

// Publishes the daemon's URL on every relation of the endpoint. Publishing the same URL again
// sends nothing, so calling this in every hook is cheap.
inline void publish_url(charm::Endpoint& endpoint, const std::string& url) {
  for (charm::Relation& relation : endpoint.relations()) relation.to_publish_raw().set("url", url);
}

}  // namespace dockerhost
