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

namespace build {

enum class Force { no, yes };

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
  std::string charm_name;
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
  std::vector<std::pair<std::string, double>> timings_ms;  // stage name, milliseconds

  const Layer& top() const { return layers.back(); }
};

}  // namespace build
