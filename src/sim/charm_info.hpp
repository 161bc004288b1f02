// Reads what the simulator needs from a built charm: metadata.yaml (name, subordinate,
// endpoints, storage, resources), config.yaml (option types and defaults), actions.yaml.
#pragma once
#include <filesystem>

#include "sim/model.hpp"

namespace sim {

// Throws std::runtime_error with "FILE:LINE:COL: problem" for broken YAML, or naming what
// is missing (no metadata.yaml: "not a charm directory").
CharmInfo load_charm_info(const std::filesystem::path& charm_dir);

}  // namespace sim
