// Stage 4: generated hooks, interface layers under hooks/relations/, and the version file.
#pragma once
#include "build/context.hpp"

namespace build {

// The standard hook names charm-tools generates from hooks/hook.template.
const std::vector<std::string>& standard_hook_names();

void render_hooks_and_interfaces(BuildContext& ctx, const yaml::Value& metadata);
void render_version(BuildContext& ctx);

}  // namespace build
