// Loading a layer's YAML file with errors that point at the input.
#pragma once
#include <filesystem>
#include <optional>

#include "build/diagnostics.hpp"
#include "yaml/value.hpp"

namespace build {

// Parses a YAML file. On a syntax error reports "FILE:LINE:COL: PROBLEM" (with the source line)
// under `what` (e.g. "Failed to process F. Ensure the YAML is valid") and returns nullopt.
std::optional<yaml::Value> load_yaml_file(const std::filesystem::path& path, Diagnostics& diag,
                                          const std::string& what);

// Like load_yaml_file, but a missing, empty or whitespace-only file gives nullopt silently.
std::optional<yaml::Value> load_optional_yaml_file(const std::filesystem::path& path, Diagnostics& diag,
                                                   const std::string& what);

}  // namespace build
