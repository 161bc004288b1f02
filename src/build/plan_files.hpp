// Stage 2: walk every layer's files bottom to top and give each relpath its tactic.
#pragma once
#include "build/context.hpp"

namespace build {

// charm-tools' default ignores, added to every layer's ignore and exclude lists.
const std::vector<std::string>& default_ignores();

void plan_files(BuildContext& ctx);

}  // namespace build
