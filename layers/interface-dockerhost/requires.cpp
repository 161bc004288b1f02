// dockerhost, requires side (a subordinate): endpoint.NAME.available while the host has sent
// its daemon's URL.
#include "dockerhost/requires.hpp"

namespace {

void clear_changed(charm::Endpoint& endpoint) {
  const std::string prefix = endpoint.expand_name("changed");
  for (const std::string& flag : charm::flags().list())
    if (flag == prefix || flag.rfind(prefix + ".", 0) == 0) charm::clear_flag(flag);
}

charm::Handler changed = charm::handler("dockerhost:requires:changed")
    .for_endpoints("requires", "dockerhost")
    .when("endpoint.{endpoint_name}.changed")
    .run([] {
      charm::Endpoint& endpoint = charm::current_endpoint();
      endpoint.is_joined() && dockerhost::url(endpoint) ? endpoint.set_flag("available")
                                                        : endpoint.clear_flag("available");
      clear_changed(endpoint);
    });

charm::Handler gone = charm::handler("dockerhost:requires:gone")
    .for_endpoints("requires", "dockerhost")
    .when("endpoint.{endpoint_name}.available")
    .when_not("endpoint.{endpoint_name}.joined")
    .run([] { charm::current_endpoint().clear_flag("available"); });

}  // namespace
