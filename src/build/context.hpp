// Everything one build knows: its options, the resolved layers, the plan, and the output.
// Stages read and fill it in turn (see build.cpp).
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "build/diagnostics.hpp"
#include "build/layer.hpp"
#include "build/output_tree.hpp"
#include "build/plan.hpp"
#include "proof/proof.hpp"

namespace build {

enum class Force { no, yes };

// One include lookup: a candidate path and whether it was a directory (the build memo re-checks them).
struct Probe {
  fs::path path;
  bool is_directory = false;
};

struct BuildOptions {
  fs::path charm_dir = ".";              // the top layer
  std::optional<fs::path> build_dir;     // -d / -o / $CHARM_BUILD_DIR ...
  std::optional<std::string> name;       // -n
  Force force = Force::no;
  bool report = true;
  bool no_local_layers = false;
  bool no_wheelhouse_file = false;       // -W: upstream then writes no wheelhouse.txt
  std::optional<fs::path> wheelhouse_overrides;
  std::optional<std::string> series;     // deprecated -s
  bool charm_file = false;               // -F: also write ./NAME.charm
  bool use_memo = true;                  // stop early when the build memo proves nothing changed
  // Remote sources (layer indexes, git URLs) and build.lock.
  std::optional<fs::path> cache_dir;     // -C; else $CHARM_CACHE_DIR, else ~/.cache/charm
  std::vector<std::string> layer_indexes;  // -i, split at commas; "DEFAULT" stands for the public index
  bool write_lock_file = false;          // write <top>/build.lock after the build (and do not read it)
  bool ignore_lock_file = false;         // do not read <top>/build.lock
  bool use_lock_file_branches = false;   // check out a lock entry's branch rather than its commit
  // Environment, captured once so tests can pass their own.
  std::map<std::string, std::string> env;

  std::optional<std::string> getenv(const std::string& key) const {
    auto it = env.find(key);
    if (it == env.end()) return std::nullopt;
    return it->second;
  }
};

struct BuildContext {
  BuildOptions options;
  Diagnostics diag;
  fs::path cwd;

  // Filled by resolve_layers: bottom layer first, top layer last; interfaces in include order.
  std::vector<Layer> layers;
  std::vector<Layer> interfaces;
  std::vector<Probe> probes;  // every include lookup made, in order
  std::string charm_name;
  std::vector<std::string> lock_wheelhouse_lines;  // build.lock's python modules, as requirement lines
  fs::path build_dir;
  fs::path target;

  // Filled by plan_files.
  Plan plan;
  // Filled by the render stages.
  OutputTree output;
  // Filled as the build ends.
  bool had_previous_build = false;
  std::vector<std::string> added, modified, removed;  // against the previous build's manifest
  bool changed = false;                               // false: the target already held this build
  std::optional<fs::path> charm_file;                 // the .charm written, with -F
  proof::ProofResult proof;                           // proof of the target, the last stage
  std::vector<std::pair<std::string, double>> timings_ms;  // stage name, milliseconds

  const Layer& top() const { return layers.back(); }
};

}  // namespace build
