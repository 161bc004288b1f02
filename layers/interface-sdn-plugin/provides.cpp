// sdn-plugin, provides side (the container runtime): keeps endpoint.NAME.available in step
// with what the SDN unit sent.
#include "sdn-plugin/provides.hpp"

namespace {

// Every endpoint.NAME.changed* flag: read, so cleared (charms.reactive leaves that to interfaces).
void clear_changed(charm::Endpoint& endpoint) {
  const std::string prefix = endpoint.expand_name("changed");
  for (const std::string& flag : charm::flags().list())
    if (flag == prefix || flag.rfind(prefix + ".", 0) == 0) charm::clear_flag(flag);
}

charm::Handler changed = charm::handler("sdn-plugin:provides:changed")
    .for_endpoints("provides", "sdn-plugin")
    .when("endpoint.{endpoint_name}.changed")
    .run([] {
      charm::Endpoint& endpoint = charm::current_endpoint();
      endpoint.is_joined() && sdn_plugin::received(endpoint) ? endpoint.set_flag("available")
                                                              : endpoint.clear_flag("available");
      clear_changed(endpoint);
    });

charm::Handler gone = charm::handler("sdn-plugin:provides:gone")
    .for_endpoints("provides", "sdn-plugin")
    .when("endpoint.{endpoint_name}.available")
    .when_not("endpoint.{endpoint_name}.joined")
    .run([] { charm::current_endpoint().clear_flag("available"); });

}  // namespace
