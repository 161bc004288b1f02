// Stage 3a: plain copies and directories (the highest layer wins) and copyright renaming.
#pragma once
#include "build/context.hpp"

namespace build {

void render_copies(BuildContext& ctx);

}  // namespace build
