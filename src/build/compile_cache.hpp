// Compiling and linking a charm's hook binary through a content-addressed cache: an object is
// keyed by its source, every header it could see, the flags and the compiler's identity; the
// binary by its objects and libcharm. A rebuild with unchanged handlers compiles nothing.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "build/diagnostics.hpp"
#include "build/output_tree.hpp"
#include "build/toolchain.hpp"

namespace build {

struct CompileJob {
  Toolchain toolchain;
  std::filesystem::path cache_dir;
  std::vector<std::pair<std::string, OutputFile>> sources;  // relpath, file; in registration order
  std::vector<std::pair<std::string, OutputFile>> headers;  // the charm's headers at their relpaths
};

// $CHARM_BUILD_CACHE, else $XDG_CACHE_HOME/charm-build, else ~/.cache/charm-build.
std::filesystem::path compile_cache_dir(const std::optional<std::string>& explicit_dir,
                                        const std::optional<std::string>& xdg_cache_home,
                                        const std::optional<std::string>& home);

// Returns the cached binary's path, or an empty path after reporting compiler errors.
std::filesystem::path compile_hook_binary(const CompileJob& job, Diagnostics& diag);

}  // namespace build
