// http, provides side: nothing to manage beyond the runtime's endpoint.NAME.joined; the service
// publishes with http_interface::publish (provides.hpp). This file marks the role as
// implemented for charm-build.
#include "http/provides.hpp"
