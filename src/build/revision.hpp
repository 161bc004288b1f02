// Which revision a layer directory is at, and the charm's version string.
#pragma once
#include <filesystem>
#include <string>

namespace build {

// charm-tools' Fetcher.get_revision: git HEAD of the enclosing repository (read from .git
// directly: a process per layer would dominate build time), else bzr, else hg, else
// `.pull-source-rev`, else "".
std::string layer_revision(const std::filesystem::path& layer_dir);

// charm-tools' version string for the top layer: `git describe --dirty --always`, `bzr
// version-info` or `hg id -n`, whichever answers first; "" when none does.
std::string describe_version(const std::filesystem::path& layer_dir);

}  // namespace build
