// http, requires side: endpoint.NAME.available while a joined unit has sent where it listens.
#include "http/requires.hpp"

namespace {

// The changed* and departed flags are the interface's to consume.
void clear_events(charm::Endpoint& endpoint) {
  const std::string changed = endpoint.expand_name("changed");
  for (const std::string& flag : charm::flags().list())
    if (flag == changed || flag.rfind(changed + ".", 0) == 0) charm::clear_flag(flag);
  endpoint.clear_flag("departed");
}

charm::Handler update = charm::handler("http:requires:update")
    .for_endpoints("requires", "http")
    .when_any({"endpoint.{endpoint_name}.changed", "endpoint.{endpoint_name}.departed"})
    .run([] {
      charm::Endpoint& endpoint = charm::current_endpoint();
      http_interface::hosts(endpoint).empty() ? endpoint.clear_flag("available") : endpoint.set_flag("available");
      clear_events(endpoint);
    });

charm::Handler gone = charm::handler("http:requires:gone")
    .for_endpoints("requires", "http")
    .when("endpoint.{endpoint_name}.available")
    .when_not("endpoint.{endpoint_name}.joined")
    .run([] { charm::current_endpoint().clear_flag("available"); });

}  // namespace
