// How charm-build compiles a charm's C++ handlers: the compiler, libcharm and its headers.
// Found relative to the charm-build executable, so both the build tree and an installed,
// relocated prefix work.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace build {

struct Toolchain {
  std::filesystem::path cxx;                       // $CXX overrides
  std::vector<std::string> cxx_flags;              // $CHARM_CXXFLAGS overrides the defaults
  std::vector<std::filesystem::path> include_dirs; // libcharm's public headers
  std::filesystem::path libcharm;                  // libcharm.a
  std::vector<std::string> link_libs;              // static system libraries libcharm needs
  std::filesystem::path layers_dir, templates_dir; // the bundled layers and templates
};

// Reads charm-build-toolchain.json beside the executable (build tree), else
// ../share/charm-build/toolchain.json (installed; paths relative to that file).
// nullopt when neither exists; `env` supplies CXX and CHARM_CXXFLAGS.
std::optional<Toolchain> locate_toolchain(const std::optional<std::string>& cxx_env,
                                          const std::optional<std::string>& flags_env);

// The directory of the running executable.
std::filesystem::path executable_dir();

}  // namespace build
