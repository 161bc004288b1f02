// Stage: the charm's native hook binary. Compiles the C++ handler sources the layers
// contribute (reactive/, lib/, hooks/relations/) with libcharm into one static executable,
// written as `dispatch`; the generated hooks and actions run it. Objects and binaries are
// cached by content (sources, headers, flags, compiler), so unchanged handlers skip compiling.
#pragma once
#include "build/context.hpp"

namespace build {

// True when the charm asks for native hooks: it has C++ sources, or the merged layer.yaml
// says `native-hooks: true` (layer:basic does).
bool wants_native_hooks(const BuildContext& ctx);

void render_native_hooks(BuildContext& ctx);

}  // namespace build
