// charms.reactive's hook patterns: `{A,B}` alternatives and `{role:interface}` endpoint names.
#pragma once
#include <string>
#include <vector>

#include "runtime/metadata.hpp"

namespace charm::detail {

// Every hook name the patterns stand for. `{requires:etcd}-relation-{joined,changed}` gives
// `db-relation-joined`, `db-relation-changed` for an endpoint `db` requiring etcd. Parts are
// trimmed (`{broken, departed}` works, unlike upstream); a `{role:interface}` that no endpoint
// matches makes its pattern match nothing.
std::vector<std::string> expand_hook_patterns(const std::vector<std::string>& patterns, const CharmMetadata& metadata);

}  // namespace charm::detail
