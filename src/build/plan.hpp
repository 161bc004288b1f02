// The plan: for every relpath some layer provides, which tactic handles it and which layers
// contributed, bottom first. Built by walking layers bottom to top (plan_files.cpp).
#pragma once
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace build {

enum class Tactic {
  copy,          // plain file or directory: the highest layer wins
  ignored,       // dropped by the `ignore` of the layer above: writes nothing, lower ones forgotten
  excluded,      // placeholder when the only providers excluded it: writes nothing
  yaml_merge,    // metadata/config/actions/dist/resources.yaml: deep merge
  layer_yaml,    // layer.yaml / composer.yaml
  copyright,     // root copyright: renamed per lower layer
  wheelhouse,    // wheelhouse.txt text merge
  skipped,       // .build.manifest, *.pypi: never copied
};

struct Contribution {
  size_t layer_index;              // index into BuildContext::layers
  // Absolute source path in that layer; a string, not a path: std::filesystem::path keeps
  // every component as another path, ~500 bytes per entry on a 10,000-file build.
  std::string source;
  bool is_directory = false;
};

struct PlanEntry {
  std::string relpath;
  Tactic tactic = Tactic::copy;
  std::vector<Contribution> contributions;  // for copy only the last one counts
};

class Plan {
 public:
  PlanEntry* find(const std::string& relpath);
  const PlanEntry* find(const std::string& relpath) const;
  // Returns the entry for relpath, creating it at the end of the order if new.
  PlanEntry& entry(const std::string& relpath);
  const std::vector<PlanEntry>& entries() const { return m_entries; }

 private:
  std::vector<PlanEntry> m_entries;
  std::unordered_map<std::string, size_t> m_index;
};

}  // namespace build
