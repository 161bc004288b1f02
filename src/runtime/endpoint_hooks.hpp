// The two moments of a hook that endpoints take part in, called by run_hook (not restricted
// hooks): the managed endpoint flags at the start, and the publishing of relation data after a
// successful dispatch, before the kv commit.
#pragma once

#include "runtime/runtime_context.hpp"

namespace charm::detail {

// endpoint.NAME.joined / .changed / .changed.FIELD / .departed (runtime.md §5). Reads relations
// only for the endpoint whose relation hook this is, and for endpoints whose state is not known
// from an earlier successful hook (first hook, upgrade-charm, after an unfinished relation hook):
// Juju changes relation membership only through relation hooks, so elsewhere the stored flags
// are still true and the hook starts no tool process for endpoints.
void start_endpoints(RuntimeContext& ctx);

// One relation-set per relation bag this hook changed. Not called when the hook fails.
void publish_endpoint_data(RuntimeContext& ctx);

}  // namespace charm::detail
