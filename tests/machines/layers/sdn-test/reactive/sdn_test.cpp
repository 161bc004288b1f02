#include <charm/charm.hpp>

#include "sdn-plugin/requires.hpp"

namespace {

charm::Handler send = charm::handler("sdn-test:send")
    .when("endpoint.host.joined")
    .run([] {
      const sdn_plugin::Settings settings{charm::config("mtu").get<std::string>(),
                                          charm::config("subnet").get<std::string>(),
                                          charm::config("cidr").get<std::string>()};
      sdn_plugin::publish(charm::endpoint("host"), settings);
      charm::status::active("sent " + settings.subnet + " mtu " + settings.mtu);
    });

charm::Handler alone = charm::handler("sdn-test:alone")
    .when_not("endpoint.host.joined")
    .run([] { charm::status::waiting("no container runtime related"); });

}  // namespace
