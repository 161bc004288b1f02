// The compiler: one call builds a charm from its top layer.
#pragma once
#include "build/context.hpp"
#include "util/error.hpp"

namespace build {

// Runs every stage; throws util::BuildError when the build fails (the target is then untouched).
void run_build(const BuildOptions& options);

}  // namespace build
