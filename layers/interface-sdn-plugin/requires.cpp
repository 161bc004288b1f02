// sdn-plugin, requires side: nothing to manage beyond the runtime's endpoint.NAME.joined; the
// SDN publishes with sdn_plugin::publish (requires.hpp). This file marks the role as
// implemented for charm-build.
#include "sdn-plugin/requires.hpp"
