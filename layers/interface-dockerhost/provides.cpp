// dockerhost, provides side: nothing to manage beyond the runtime's endpoint.NAME.joined; the
// host publishes with dockerhost::publish_url (provides.hpp). This file marks the role as
// implemented for charm-build.
#include "dockerhost/provides.hpp"
