#include <charm/charm.hpp>

#include "dockerhost/requires.hpp"
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

// The Docker URL the host sent, written where the test reads it.
charm::Handler docker_url = charm::handler("sdn-test:docker-url")
    .when("endpoint.docker-host.available")
    .run([] {
      const auto url = dockerhost::url(charm::endpoint("docker-host"));
      charm::host::write_file(charm::hook().charm_dir / "docker-url.txt", url.value_or("") + "\n");
    });

}  // namespace
