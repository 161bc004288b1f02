// Checks after resolution and before anything is written: the charm name, deprecated
// settings, and layer features charm-build cannot honour.
#pragma once
#include "build/context.hpp"

namespace build {

void validate_layers(BuildContext& ctx);

}  // namespace build
