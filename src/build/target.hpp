// Stage 5: the target directory. Checks it against the manifest of the previous build, then
// writes the new tree into a staging directory beside it and swaps it in only when complete.
#pragma once
#include "build/context.hpp"
#include "build/manifest.hpp"

namespace build {

struct TargetState {
  std::optional<Signatures> old_signatures;
  std::map<std::string, std::string> current_hashes;      // relpath -> sha256 of files in the target now
  std::map<std::string, fs::perms> current_modes;
  std::vector<std::string> user_files;                   // in the target but not in the old manifest
  bool has_conflicts = false;
};

// Picks and checks the build directory and target (nesting, access), removes stale staging dirs.
void prepare_build_dir(BuildContext& ctx);

// Compares the target with its manifest; reports conflicts (an error unless --force).
TargetState check_target(BuildContext& ctx);

struct WriteResult {
  bool changed = false;  // false: the target already held exactly this build
  std::vector<std::string> added, modified, removed;
};

WriteResult write_target(BuildContext& ctx, const TargetState& state, const std::string& manifest_text);

}  // namespace build
