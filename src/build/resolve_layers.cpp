#include "build/resolve_layers.hpp"

#include <algorithm>
#include <map>

#include "build/fetch_git.hpp"
#include "build/layer_index.hpp"
#include "build/lock_file.hpp"
#include "build/revision.hpp"
#include "build/toolchain.hpp"
#include "build/yaml_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "yaml/load.hpp"

namespace build {

namespace {

struct IncludeRef {
  LayerKind kind;
  std::string name;      // without the prefix, "@REV" removed
  bool is_path = false;
  std::string revision;  // the "@REV" of layer:NAME@REV; used only when fetching
};

IncludeRef parse_include(const std::string& include) {
  auto named = [](LayerKind kind, const std::string& rest) {
    size_t at = rest.find('@');
    if (at == std::string::npos) return IncludeRef{kind, rest};
    // charm-tools splits at '@' and takes the second part: "a@b@c" has revision "b".
    return IncludeRef{kind, rest.substr(0, at), false, rest.substr(at + 1, rest.find('@', at + 1) - at - 1)};
  };
  if (include.rfind("layer:", 0) == 0) return named(LayerKind::layer, include.substr(6));
  if (include.rfind("interface:", 0) == 0) return named(LayerKind::interface, include.substr(10));
  return {LayerKind::layer, include, true};
}

// Where an include was found: a local directory, or a checkout in the fetch cache.
struct Located {
  fs::path dir;
  std::string fetched_url;  // "" for local directories
  std::string commit;
};

class Resolver {
 public:
  explicit Resolver(BuildContext& ctx) : m_ctx(ctx) {}

  void run() {
    const auto& opts = m_ctx.options;
    auto top_dir = find_path(opts.charm_dir.string());
    if (!top_dir) {
      m_ctx.diag.error("Unable to locate the top layer " + opts.charm_dir.string() + " (searched " +
                       join(m_searched) + ")");
      return;
    }
    m_ctx.charm_name = charm_name_for(m_ctx, *top_dir);
    Layer top = load_layer(LayerKind::layer, m_ctx.charm_name, *top_dir, "");
    if (!check_cache_dir(top.dir) || !read_lock(top.dir)) return;
    if (!top.config) m_ctx.diag.warning("The top level layer expects a valid layer.yaml file");
    top.name = m_ctx.charm_name;  // the top layer's options namespace is the charm name
    m_stack.push_back(top.name);
    walk_includes(top);
    m_stack.pop_back();
    m_ctx.layers.push_back(std::move(top));
  }

 private:
  void walk_includes(const Layer& layer) {
    for (const std::string& include : layer.includes) {
      if (is_remote_include(include) && !find_path(include)) {  // a local directory of that name wins
        include_remote(layer, include);
        continue;
      }
      IncludeRef ref = parse_include(include);
      if (ref.kind == LayerKind::interface)
        include_interface(layer, include, ref);
      else
        include_layer(layer, include, ref);
    }
  }

  void include_interface(const Layer& parent, const std::string& include, const IncludeRef& ref) {
    std::string default_name = include.substr(10);
    for (const auto& existing : m_ctx.interfaces)
      if (existing.name == default_name || existing.url == include) return;
    auto found = locate_named(parent, include, ref);
    if (!found) return;
    Layer iface = load_located(LayerKind::interface, include, *found, default_name);
    for (const auto& existing : m_ctx.interfaces)
      if (existing.name == iface.name) return;
    m_ctx.diag.info("Processing interface: " + iface.name + from_suffix(iface));
    m_ctx.interfaces.push_back(std::move(iface));
  }

  void include_layer(const Layer& parent, const std::string& include, const IncludeRef& ref) {
    std::optional<Located> found;
    if (!ref.is_path) {
      found = locate_named(parent, include, ref);
    } else if (auto dir = find_path(ref.name)) {
      found = Located{*dir};
    } else {
      m_ctx.diag.error(layer_file(parent) + ": Unable to locate " + include +
                       ". Do you need to set CHARM_LAYERS_DIR? (searched " + join(m_searched) + ")");
    }
    if (!found) return;
    std::string default_name = ref.is_path ? fs::path(ref.name).lexically_normal().filename().string()
                                           : include.substr(6);
    if (default_name.empty()) default_name = fs::absolute(found->dir).lexically_normal().parent_path().filename();
    add_layer(parent, include, load_located(LayerKind::layer, include, *found, default_name));
  }

  // A git URL include: fetched at its @REV, or at the revision build.lock pins.
  void include_remote(const Layer& parent, const std::string& include) {
    RemoteInclude remote = parse_remote_include(include);
    if (!remote.source) {
      m_ctx.diag.error(layer_file(parent) + ": cannot include " + include + ": " + remote.unsupported);
      return;
    }
    // charm-tools names such a layer after the text past the last '/', and skips it before
    // fetching when a layer of that name is already in.
    std::string default_name = include.substr(include.rfind('/') + 1);
    for (const auto& done : m_ctx.layers)
      if (done.name == default_name) return;
    GitSource source = *remote.source;
    if (const LayerLock* lock = lock_for(include)) source.revision = locked_revision(*lock, use_branches());
    auto found = fetch(parent, source, "", "");
    if (!found) return;
    add_layer(parent, include, load_located(LayerKind::layer, include, *found, default_name));
  }

  // Walks a located layer's includes and appends it, unless it closes a cycle or is already in.
  void add_layer(const Layer& parent, const std::string& include, Layer layer) {
    if (std::find(m_stack.begin(), m_stack.end(), layer.name) != m_stack.end()) {
      auto start = std::find(m_stack.begin(), m_stack.end(), layer.name);
      std::vector<std::string> cycle(start, m_stack.end());
      cycle.push_back(layer.name);
      std::string text;
      for (const auto& n : cycle) text += (text.empty() ? "" : " -> ") + n;
      m_ctx.diag.error("Include cycle: " + text + " (in " + layer_file(parent) + ")");
      return;
    }
    for (const auto& done : m_ctx.layers)
      if (done.name == layer.name) return;  // first occurrence fixes the position
    m_stack.push_back(layer.name);
    walk_includes(layer);
    m_stack.pop_back();
    m_ctx.diag.info("Processing layer: " + include + from_suffix(layer));
    m_ctx.layers.push_back(std::move(layer));
  }

  Layer load_located(LayerKind kind, const std::string& url, const Located& found, const std::string& default_name) {
    Layer layer = load_layer(kind, url, found.dir, default_name);
    if (!found.fetched_url.empty()) {
      layer.fetched_url = found.fetched_url;
      layer.revision = found.commit;  // the snapshot has no .git of its own
    }
    return layer;
  }

  // layer:NAME / interface:NAME: the local directory, else the first layer index listing it,
  // fetched at the include's @REV or the revision build.lock pins.
  std::optional<Located> locate_named(const Layer& parent, const std::string& include, const IncludeRef& ref) {
    if (auto dir = find_named(ref.name, ref.kind)) return Located{*dir};
    std::vector<std::string> searched = m_searched;
    if (!m_index) m_index.emplace(expand_layer_indexes(m_ctx.options.layer_indexes));
    LayerIndex::Result found;
    try {
      found = m_index->lookup(ref.kind, ref.name);
    } catch (const util::BuildError& e) {
      m_ctx.diag.error(layer_file(parent) + ": " + include + ": " + e.what());
      return std::nullopt;
    }
    const LayerLock* lock = lock_for(include);
    if (!found.entry) {
      bool iface = ref.kind == LayerKind::interface;
      std::vector<std::string> where;
      if (!searched.empty()) where.push_back("searched " + join(searched));
      if (!found.tried.empty()) where.push_back("layer index entries tried: " + join(found.tried));
      if (!found.unreachable.empty()) where.push_back("unreachable layer indexes: " + join(found.unreachable));
      if (lock)
        where.push_back("build.lock pins it to " + (lock->commit.empty() ? "no commit" : lock->commit) +
                        (lock->url ? " from " + *lock->url : ""));
      std::string details;
      for (const auto& part : where) details += (details.empty() ? "" : "; ") + part;
      m_ctx.diag.error(layer_file(parent) + ": Unable to locate " + include + ". Do you need to set " +
                       (iface ? "CHARM_INTERFACES_DIR" : "CHARM_LAYERS_DIR") + "? (" + details + ")");
      return std::nullopt;
    }
    const IndexEntry& entry = *found.entry;
    for (const auto& unreachable : found.unreachable)
      m_ctx.diag.warning("Layer index " + unreachable + "; " + include + " taken from " + entry.entry_url);
    RemoteInclude remote = parse_remote_include(entry.repo);
    if (!remote.source) {
      m_ctx.diag.error(layer_file(parent) + ": " + include + ": the repository " + entry.repo + " named by " +
                       entry.entry_url + " cannot be fetched: " + remote.unsupported);
      return std::nullopt;
    }
    GitSource source = *remote.source;
    if (!ref.revision.empty()) source.revision = ref.revision;
    if (lock) source.revision = locked_revision(*lock, use_branches());
    m_ctx.diag.debug("Found " + include + " in " + entry.entry_url + ": " + entry.repo);
    return fetch(parent, source, entry.subdir, entry.entry_url);
  }

  // A checkout of `source` from the cache (made on first use), and `subdir` inside it.
  std::optional<Located> fetch(const Layer& parent, const GitSource& source, const std::string& subdir,
                               const std::string& entry_url) {
    try {
      if (!m_git) {
        auto root = cache_root();
        if (!root) throw util::BuildError("No cache directory for fetching " + source.url +
                                          ": set --cache-dir or $CHARM_CACHE_DIR (HOME is not set)");
        m_git.emplace(*root, m_ctx.cwd, m_ctx.diag);
      }
      Checkout checkout = m_git->checkout(source);
      fs::path dir = subdir.empty() ? checkout.dir : checkout.dir / subdir;
      std::error_code ec;
      if (!fs::is_directory(dir, ec))
        throw util::BuildError(entry_url + " names subdir '" + subdir + "', which " + source.url + " does not have at " +
                               checkout.commit);
      return Located{dir, source.url, checkout.commit};
    } catch (const util::BuildError& e) {
      m_ctx.diag.error(layer_file(parent) + ": " + e.what());
      return std::nullopt;
    }
  }

  const LayerLock* lock_for(const std::string& include) const { return m_lock ? m_lock->find(include) : nullptr; }

  UseBranches use_branches() const {
    return m_ctx.options.use_lock_file_branches ? UseBranches::yes : UseBranches::no;
  }

  std::optional<fs::path> cache_root() const {
    const auto& opts = m_ctx.options;
    return fetch_cache_root(opts.cache_dir, opts.getenv("CHARM_CACHE_DIR"), opts.getenv("HOME"), m_ctx.cwd);
  }

  // charm-tools refuses a cache inside the top layer: its files would be built into the charm.
  bool check_cache_dir(const fs::path& top_dir) {
    auto root = cache_root();
    if (!root) return true;
    auto rel = root->lexically_relative(top_dir);
    if (rel.empty() || *rel.begin() == "..") return true;
    m_ctx.diag.error("Cache directory nested under source directory. This will cause recursive nesting of build "
                     "artifacts and can fill up your disk. Please specify a different build directory with "
                     "--cache-dir or $CHARM_CACHE_DIR");
    return false;
  }

  // <top>/build.lock, unless --ignore-lock-file or --write-lock-file; false when it is malformed.
  bool read_lock(const fs::path& top_dir) {
    const auto& opts = m_ctx.options;
    if (opts.ignore_lock_file || opts.write_lock_file) return true;
    try {
      m_lock = read_lock_file(top_dir / "build.lock", m_ctx.cwd, m_ctx.diag);
    } catch (const util::BuildError& e) {
      m_ctx.diag.error(e.what());
      return false;
    }
    if (m_lock) m_ctx.lock_wheelhouse_lines = python_module_lines(*m_lock, use_branches());
    return true;
  }

  Layer load_layer(LayerKind kind, const std::string& url, const fs::path& dir, const std::string& default_name) {
    Layer layer;
    layer.kind = kind;
    layer.url = url;
    layer.dir = fs::absolute(dir).lexically_normal();
    layer.name = default_name;
    const char* candidates[] = {"layer.yaml", "composer.yaml"};
    for (const char* file : kind == LayerKind::interface ? std::vector<const char*>{"interface.yaml"}
                                                         : std::vector<const char*>(candidates, candidates + 2)) {
      fs::path path = layer.dir / file;
      std::error_code ec;
      if (!fs::exists(path, ec)) continue;
      layer.config_file = file;
      // A layer many others include (layer:basic) is met once per includer: parse it once,
      // which also reports a broken file once.
      auto cached = m_parsed_configs.find(path);
      if (cached == m_parsed_configs.end())
        cached = m_parsed_configs
                     .emplace(path, load_optional_yaml_file(path, m_ctx.diag,
                                                            "Malformed config file " + util::display_path(path, m_ctx.cwd)))
                     .first;
      layer.config = cached->second;
      break;
    }
    if (layer.config) read_config(layer);
    layer.revision = layer_revision(layer.dir);
    return layer;
  }

  void read_config(Layer& layer) {
    const yaml::Value& config = *layer.config;
    if (!config.is_mapping()) {
      m_ctx.diag.error(layer_file(layer) + ": a layer config must be a mapping, found a " +
                       kind_name(config.kind()));
      layer.config.reset();
      return;
    }
    if (const yaml::Value* name = config.find("name"); name && name->is_scalar() && !name->is_null())
      layer.name = name->text();
    if (const yaml::Value* includes = config.find("includes")) {
      if (includes->is_string()) {
        layer.includes.push_back(includes->text());
      } else if (includes->is_sequence()) {
        for (const auto& item : includes->items()) {
          if (item.is_string())
            layer.includes.push_back(item.text());
          else
            m_ctx.diag.error(position(layer, item) + ": each entry of 'includes' must be a string such as "
                             "'layer:basic', found a " + kind_name(item.kind()));
        }
      } else if (!includes->is_null()) {
        m_ctx.diag.error(position(layer, *includes) + ": 'includes' must be a list, e.g. includes: ['layer:basic']");
      }
    }
  }

  // The first existing of cwd/P, ($JUJU_REPOSITORY or .)/P, then each entry of $LAYER_PATH.
  std::optional<fs::path> find_path(const std::string& path) {
    m_searched.clear();
    std::vector<fs::path> candidates{m_ctx.cwd / path,
                                     fs::path(m_ctx.options.getenv("JUJU_REPOSITORY").value_or(".")) / path};
    if (auto layer_path = m_ctx.options.getenv("LAYER_PATH")) {
      size_t start = 0;
      while (start <= layer_path->size()) {
        size_t colon = layer_path->find(':', start);
        if (colon == std::string::npos) colon = layer_path->size();
        candidates.push_back(fs::path(layer_path->substr(start, colon - start)) / path);
        start = colon + 1;
      }
    }
    return first_directory(candidates);
  }

  // layer:NAME / interface:NAME in the one local root, as NAME or layer-NAME / interface-NAME.
  std::optional<fs::path> find_named(const std::string& name, LayerKind kind) {
    m_searched.clear();
    if (m_ctx.options.no_local_layers) return std::nullopt;
    bool iface = kind == LayerKind::interface;
    std::optional<std::string> root = m_ctx.options.getenv(iface ? "CHARM_INTERFACES_DIR" : "CHARM_LAYERS_DIR");
    if (!root) root = m_ctx.options.getenv(iface ? "INTERFACE_PATH" : "LAYER_PATH");
    if (!root) root = m_ctx.options.getenv("JUJU_REPOSITORY");
    fs::path base = fs::path(root.value_or("."));
    if (base.is_relative()) base = m_ctx.cwd / base;
    std::vector<fs::path> candidates{base / name, base / ((iface ? "interface-" : "layer-") + name)};
    // The layers and interfaces that come with charm-build (layer:basic, interface:etcd ...) are
    // the last local place looked in; bundled interfaces live beside the layers as interface-NAME.
    if (!bundled_layers_dir().empty())
      candidates.push_back(bundled_layers_dir() / (iface ? "interface-" + name : name));
    return first_directory(candidates);
  }

  const fs::path& bundled_layers_dir() {
    if (!m_bundled_layers) {
      auto toolchain = locate_toolchain(std::nullopt, std::nullopt);
      m_bundled_layers = toolchain ? toolchain->layers_dir : fs::path();
    }
    return *m_bundled_layers;
  }

  std::optional<fs::path> first_directory(const std::vector<fs::path>& candidates) {
    for (const auto& candidate : candidates) {
      fs::path absolute = candidate.is_absolute() ? candidate : m_ctx.cwd / candidate;
      m_searched.push_back(util::display_path(absolute.lexically_normal(), m_ctx.cwd));
      std::error_code ec;
      bool is_dir = fs::is_directory(absolute, ec);
      m_ctx.probes.push_back({absolute.lexically_normal(), is_dir});  // the build memo re-checks each
      if (is_dir) return absolute.lexically_normal();
    }
    return std::nullopt;
  }

  // charm-tools names the directory only for layers not in its fetch cache.
  std::string from_suffix(const Layer& layer) const {
    if (!layer.fetched_url.empty()) return "";
    return " (from " + layer.dir.lexically_relative(m_ctx.cwd).string() + ")";
  }

  std::string layer_file(const Layer& layer) const {
    return util::display_path(layer.dir / (layer.config_file.empty() ? "layer.yaml" : layer.config_file), m_ctx.cwd);
  }

  std::string position(const Layer& layer, const yaml::Value& node) const {
    return layer_file(layer) + ":" + std::to_string(node.mark().line) + ":" + std::to_string(node.mark().column);
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
  }

  BuildContext& m_ctx;
  std::vector<std::string> m_stack;     // names of layers being walked, for cycle reports
  std::map<fs::path, std::optional<yaml::Value>> m_parsed_configs;  // layer.yaml by path
  std::vector<std::string> m_searched;  // the candidates of the last lookup, for error messages
  std::optional<LockFile> m_lock;       // build.lock, when read
  std::optional<LayerIndex> m_index;    // made when a name is first missing locally
  std::optional<fs::path> m_bundled_layers;  // from the toolchain, read on first use
  std::optional<GitCache> m_git;        // made on the first fetch
};

}  // namespace

void resolve_layers(BuildContext& ctx) { Resolver(ctx).run(); }

std::string charm_name_for(const BuildContext& ctx, const fs::path& top_dir) {
  if (ctx.options.name) return *ctx.options.name;
  if (auto text = util::read_file_if_exists(top_dir / "metadata.yaml")) {
    try {
      // Upstream reads it as YAML 1.1; the directive must precede the document's own `---`.
      std::string doc = text->rfind("%YAML", 0) == 0 ? *text
                        : text->rfind("---", 0) == 0 ? "%YAML 1.1\n" + *text
                                                     : "%YAML 1.1\n---\n" + *text;
      yaml::Value metadata = yaml::load(doc);
      if (const yaml::Value* name = metadata.is_mapping() ? metadata.find("name") : nullptr;
          name && name->is_scalar() && !name->is_null())
        return name->text();
    } catch (const yaml::ParseError&) {
      throw util::BuildError("Failed to process " + util::display_path(top_dir / "metadata.yaml", ctx.cwd) +
                             ". Ensure the YAML is valid");
    }
  }
  fs::path dir = fs::absolute(top_dir).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "/x/charm/" has an empty filename
  return dir.filename().string();
}

}  // namespace build
