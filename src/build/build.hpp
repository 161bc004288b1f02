// The compiler: one call builds a charm from its top layer.
#pragma once
#include "build/context.hpp"
#include "util/error.hpp"

namespace build {

// Runs every stage, filling ctx; throws util::BuildError when the build fails (the target is
// then untouched; ctx.diag holds every error found).
void run_build(BuildContext& ctx);

}  // namespace build
