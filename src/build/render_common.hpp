// Helpers shared by the render stages: making output files and naming layer files in messages.
#pragma once
#include <string>

#include "build/context.hpp"

namespace build {

// A generated (dynamic) file: 0666 & ~umask unless the target already has it.
OutputFile generated_file(std::string bytes, const std::string& owner);
// A copied (static) file: source mode and times kept, hashed now.
OutputFile copied_file(const fs::path& source, const std::string& owner);
// "layers/basic/config.yaml" relative to the working directory, for messages.
std::string layer_path(const BuildContext& ctx, const Contribution& contribution);

}  // namespace build
