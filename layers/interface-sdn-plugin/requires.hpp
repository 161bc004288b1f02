// sdn-plugin, requires side (the SDN): publish the bridge settings for the runtime. The
// runtime's endpoint.NAME.joined flag is all this side needs.
#pragma once
#include <charm/charm.hpp>

#include "sdn-plugin/settings.hpp"

namespace sdn_plugin {

// Publishes the settings on every relation of the endpoint (sent when the hook succeeds, and
// only what changed).
inline void publish(charm::Endpoint& endpoint, const Settings& settings) {
  for (charm::Relation& relation : endpoint.relations()) {
    charm::RawPublishData bag = relation.to_publish_raw();
    bag.set("mtu", settings.mtu);
    bag.set("subnet", settings.subnet);
    bag.set("cidr", settings.cidr);
  }
}

}  // namespace sdn_plugin
