// Stage 1: find the top layer and walk its includes into the ordered layer and interface lists.
#pragma once
#include "build/context.hpp"

namespace build {

// Fills ctx.layers (deepest first, top last: later = higher priority), ctx.interfaces,
// ctx.charm_name. Reports every unresolvable include and cycle before giving up.
void resolve_layers(BuildContext& ctx);

// The charm name from --name, the top metadata.yaml, or the top directory's name.
std::string charm_name_for(const BuildContext& ctx, const fs::path& top_dir);

}  // namespace build
