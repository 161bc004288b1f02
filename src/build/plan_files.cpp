#include "build/plan_files.hpp"

#include <algorithm>
#include <set>

#include "util/file.hpp"
#include "util/ignore_matcher.hpp"

namespace build {

const std::vector<std::string>& default_ignores() {
  static const std::vector<std::string> patterns{".bzr",     "**/.ropeproject",   "*.pyc",   "*~",
                                                 ".git",     ".tox",              "*.swp",   ".pull-source-rev",
                                                 "*.charm",  "build.lock"};
  return patterns;
}

namespace {

bool has_negation(const std::vector<std::string>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(), [](const std::string& p) { return !p.empty() && p[0] == '!'; });
}

Tactic tactic_for_root_file(const std::string& relpath) {
  static const std::set<std::string> yaml_files{"dist.yaml", "resources.yaml", "metadata.yaml", "config.yaml",
                                                "actions.yaml"};
  if (relpath == ".build.manifest") return Tactic::skipped;
  if (relpath == "wheelhouse.txt") return Tactic::wheelhouse;
  // The merged constraints file always wins; never copy a raw one (upstream depends on listing order).
  if (relpath == "wheelhouse-constraints.txt") return Tactic::skipped;
  if (relpath == "copyright") return Tactic::copyright;
  if (yaml_files.count(relpath)) return Tactic::yaml_merge;
  if (relpath == "layer.yaml" || relpath == "composer.yaml") return Tactic::layer_yaml;
  return Tactic::copy;
}

class LayerWalker {
 public:
  LayerWalker(BuildContext& ctx, size_t layer_index, std::vector<std::string> ignore_patterns,
              std::vector<std::string> exclude_patterns, std::vector<std::string>& pypi_files)
      : m_ctx(ctx),
        m_index(layer_index),
        m_layer(ctx.layers[layer_index]),
        m_ignore(ignore_patterns),
        m_exclude(exclude_patterns),
        m_prune_dirs(!has_negation(ignore_patterns) && !has_negation(exclude_patterns)),
        m_pypi_files(pypi_files) {}

  void run() {
    std::error_code ec;
    fs::path root = fs::canonical(m_layer.dir, ec);
    if (ec) {
      m_ctx.diag.error("cannot read layer " + m_layer.url + " at " + m_layer.dir.string() + ": " + ec.message());
      return;
    }
    m_root = root;
    m_active_dirs.insert(root);
    walk(m_layer.dir, root, "");
  }

 private:
  // real_dir: the resolved path of dir, so that only symbolic links need resolving below it
  // (fs::canonical stats and readlinks every component: thousands of calls on a large layer).
  void walk(const fs::path& dir, const fs::path& real_dir, const std::string& prefix) {
    std::vector<fs::directory_entry> children;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) children.push_back(*it);
    if (ec) {
      m_ctx.diag.error("cannot list " + dir.string() + ": " + ec.message());
      return;
    }
    std::sort(children.begin(), children.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& child : children) visit(child, real_dir, prefix + child.path().filename().string());
  }

  void visit(const fs::directory_entry& entry, const fs::path& real_dir, const std::string& relpath) {
    const fs::path& path = entry.path();
    std::error_code ec;
    bool is_link = entry.is_symlink(ec);
    fs::path real;
    bool is_dir = false;
    if (is_link) {
      real = fs::canonical(path, ec);
      if (ec) {
        m_ctx.diag.error(m_layer.url + ": " + relpath + " is a broken symbolic link (" + path.string() + ")");
        return;
      }
      if (!is_under(real, m_root)) {
        m_ctx.diag.error(m_layer.url + ": " + relpath + " is a symbolic link to " + real.string() +
                         ", outside the layer; copy the file into the layer instead");
        return;
      }
      is_dir = fs::is_directory(real, ec);
    } else {
      real = real_dir / path.filename();
      is_dir = entry.is_directory(ec);  // the type the directory listing gave: no stat
    }
    bool dropped = classify(path, relpath, is_dir);
    if (!is_dir || (dropped && m_prune_dirs)) return;
    if (!m_active_dirs.insert(real).second) {
      m_ctx.diag.error(m_layer.url + ": " + relpath + " is a symbolic link loop");
      return;
    }
    walk(path, real, relpath + "/");
    m_active_dirs.erase(real);
  }

  static bool is_under(const fs::path& path, const fs::path& root) {
    auto rel = path.lexically_relative(root);
    return !rel.empty() && *rel.begin() != "..";
  }

  // Records the entry in the plan; returns true when ignore/exclude dropped it.
  bool classify(const fs::path& path, const std::string& relpath, bool is_dir) {
    Contribution contribution{m_index, path, is_dir};
    if (m_ignore.matches(relpath)) {
      PlanEntry& entry = m_ctx.plan.entry(relpath);
      entry.tactic = Tactic::ignored;  // replaces everything accumulated below
      entry.contributions.clear();
      return true;
    }
    if (m_exclude.matches(relpath)) {
      if (!m_ctx.plan.find(relpath)) m_ctx.plan.entry(relpath).tactic = Tactic::excluded;
      return true;
    }
    bool at_root = relpath.find('/') == std::string::npos;
    Tactic tactic = is_dir ? Tactic::copy : at_root ? tactic_for_root_file(relpath) : Tactic::copy;
    if (!is_dir && relpath.size() > 5 && relpath.compare(relpath.size() - 5, 5, ".pypi") == 0) {
      m_pypi_files.push_back(m_layer.url + ": " + relpath);
      tactic = Tactic::skipped;
    }
    PlanEntry& entry = m_ctx.plan.entry(relpath);
    bool placeholder = entry.tactic == Tactic::ignored || entry.tactic == Tactic::excluded;
    if (!entry.contributions.empty() && !placeholder && entry.contributions.back().is_directory != is_dir) {
      const Layer& other = m_ctx.layers[entry.contributions.back().layer_index];
      m_ctx.diag.error(relpath + " is a " + (is_dir ? "directory" : "file") + " in " + m_layer.url + " but a " +
                       (is_dir ? "file" : "directory") + " in " + other.url + "; rename one of them");
      return false;
    }
    if (placeholder) entry.contributions.clear();
    entry.tactic = tactic;
    entry.contributions.push_back(contribution);
    return false;
  }

  BuildContext& m_ctx;
  size_t m_index;
  const Layer& m_layer;
  util::IgnoreMatcher m_ignore;
  util::IgnoreMatcher m_exclude;
  bool m_prune_dirs;  // a dropped directory can skip its children unless a `!` pattern may re-include them
  std::vector<std::string>& m_pypi_files;
  fs::path m_root;
  std::set<fs::path> m_active_dirs;  // directories on the walk stack, to catch symlink loops
};

void check_patterns(BuildContext& ctx, const Layer& layer, const char* key) {
  for (const std::string& pattern : layer.config_strings(key)) {
    fs::path p(pattern);
    for (const auto& part : p)
      if (part == "..") {
        ctx.diag.error(util::display_path(layer.dir / layer.config_file, ctx.cwd) + ": " + key + " pattern '" +
                       pattern + "' reaches outside the layer with '..'; patterns are relative to the layer root");
        break;
      }
  }
}

}  // namespace

void plan_files(BuildContext& ctx) {
  std::vector<std::string> pypi_files;
  for (size_t i = 0; i < ctx.layers.size(); ++i) {
    const Layer& layer = ctx.layers[i];
    check_patterns(ctx, layer, "ignore");
    check_patterns(ctx, layer, "exclude");
    // `ignore` of the layer directly above applies to this layer (charm-tools' scoping; kept).
    std::vector<std::string> ignore = default_ignores();
    if (i + 1 < ctx.layers.size()) {
      auto above = ctx.layers[i + 1].config_strings("ignore");
      ignore.insert(ignore.end(), above.begin(), above.end());
    }
    std::vector<std::string> exclude = default_ignores();
    auto own = layer.config_strings("exclude");
    exclude.insert(exclude.end(), own.begin(), own.end());
    try {
      LayerWalker(ctx, i, ignore, exclude, pypi_files).run();
    } catch (const std::invalid_argument& e) {
      ctx.diag.error(util::display_path(layer.dir / layer.config_file, ctx.cwd) + ": " + e.what());
    }
  }
  if (!pypi_files.empty()) {
    std::string list;
    for (const auto& f : pypi_files) list += "\n  " + f;
    ctx.diag.warning("skipping pip installer files (charm-build installs no Python packages):" + list);
  }
}

}  // namespace build
