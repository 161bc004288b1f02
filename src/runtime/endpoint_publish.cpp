// The flush of relation data at the end of a successful hook (endpoint_hooks.hpp), as
// charms.reactive's Relation._flush_data: one `relation-set --file -` per bag that changed.
#include "charm/hook_tools.hpp"
#include "runtime/endpoint_hooks.hpp"
#include "runtime/endpoint_internals.hpp"
#include "runtime/endpoint_marker.hpp"

namespace charm::detail {
namespace {

// Only the keys this hook wrote; when Juju's copy was read, values it already holds are left
// out, and a bag with nothing left starts no process.
void publish(const PublishBag& bag) {
  hookcmd::Settings changes;
  for (const auto& [key, value] : bag.pending) {
    if (bag.current) {
      auto held = bag.current->find(key);
      bool same = value ? held != bag.current->end() && held->second == *value : held == bag.current->end();
      if (same) continue;
    }
    changes[key] = value;
  }
  hookcmd::relation_set(bag.relation_id, changes, bag.app);
}

}  // namespace

void publish_endpoint_data(RuntimeContext& ctx) {
  for (Endpoint* ep : ctx.endpoints().all()) {
    std::vector<Relation>* relations = EndpointInternals::loaded_relations(*ep);
    if (!relations) continue;  // never looked at, so nothing written
    for (Relation& rel : *relations) {
      publish(EndpointInternals::unit_bag(rel));
      publish(EndpointInternals::app_bag(rel));
    }
  }
  mark_relation_hook_finished(ctx.env());
}

}  // namespace charm::detail
