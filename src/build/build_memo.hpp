// The build memo: what the last successful build of a target read and wrote, so that a rebuild
// with nothing changed can stop after a walk of stat calls, without parsing any YAML (as ninja
// does). It holds hashes of
//   - the build's key: charm-build's version, the options, the environment variables it reads,
//     the working directory, the umask and the toolchain (compiler, libcharm);
//   - every include lookup made (candidate path and whether it was a directory), so a layer
//     appearing earlier on a search path invalidates it;
//   - every input: all files, directories and links of every layer and interface (VCS
//     directories excepted, but each layer's revision and the version string included);
//   - the target tree as it was left (files with hashes and modes, and directories).
// Any difference, or any doubt (a missing or damaged memo), means a full build.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "build/context.hpp"

namespace build {

struct BuildMemo {
  std::string key;                       // hash of the build's key
  std::vector<Probe> probes;             // include lookups
  std::vector<fs::path> input_dirs;      // layers then interfaces
  std::string inputs;                    // hash of every input
  std::string target;                    // hash of the target tree
  std::string charm_name;
  fs::path target_dir;                   // where the build went
  fs::path top_dir;                      // the top layer (its version string is an input)
  std::vector<std::string> warnings;     // replayed on a no-op, so a no-op says what a build says
  std::vector<proof::Finding> proof;     // proof of the unchanged target, replayed too
};

std::string memo_key(const BuildContext& ctx);
std::string inputs_hash(const std::vector<fs::path>& dirs, const fs::path& top_dir);
std::string target_hash(const fs::path& target);

std::optional<BuildMemo> load_memo(const fs::path& file);
void save_memo(const fs::path& file, const BuildMemo& memo);

// True when the memo proves that building would change nothing (ctx gets name and target).
bool memo_proves_noop(BuildContext& ctx, const fs::path& cache_dir);
// Records the memo of the build that just succeeded.
void record_memo(const BuildContext& ctx, const fs::path& cache_dir);

}  // namespace build
