#include "build/resolve_layers.hpp"

#include <algorithm>

#include "build/revision.hpp"
#include "build/yaml_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "yaml/load.hpp"

namespace build {

namespace {

struct IncludeRef {
  LayerKind kind;
  std::string name;     // without the prefix, "@REV" removed
  bool is_path = false;
};

bool is_remote(const std::string& include) {
  static const char* markers[] = {"://", "git@", "lp:", "cs:", "github.com/", "launchpad.net/", "bitbucket.org/"};
  if (include.size() > 4 && include.compare(include.size() - 4, 4, ".git") == 0) return true;
  return std::any_of(std::begin(markers), std::end(markers),
                     [&](const char* m) { return include.find(m) != std::string::npos; });
}

IncludeRef parse_include(const std::string& include) {
  auto strip_rev = [](std::string s) { return s.substr(0, s.find('@')); };
  if (include.rfind("layer:", 0) == 0) return {LayerKind::layer, strip_rev(include.substr(6))};
  if (include.rfind("interface:", 0) == 0) return {LayerKind::interface, strip_rev(include.substr(10))};
  return {LayerKind::layer, include, true};
}

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
      if (is_remote(include)) {
        m_ctx.diag.error(layer_file(layer) + ": cannot include " + include +
                         ": remote layers (git URLs, charm store) are not supported yet; "
                         "clone it and include the local path instead");
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
    auto dir = find_named(ref.name, LayerKind::interface);
    if (!dir) {
      m_ctx.diag.error(layer_file(parent) + ": Unable to locate " + include +
                       ". Do you need to set CHARM_INTERFACES_DIR? (searched " + join(m_searched) + ")");
      return;
    }
    Layer iface = load_layer(LayerKind::interface, include, *dir, default_name);
    for (const auto& existing : m_ctx.interfaces)
      if (existing.name == iface.name) return;
    m_ctx.diag.info("Processing interface: " + iface.name + from_suffix(iface.dir));
    m_ctx.interfaces.push_back(std::move(iface));
  }

  void include_layer(const Layer& parent, const std::string& include, const IncludeRef& ref) {
    std::optional<fs::path> dir = ref.is_path ? find_path(ref.name) : find_named(ref.name, LayerKind::layer);
    if (!dir) {
      m_ctx.diag.error(layer_file(parent) + ": Unable to locate " + include +
                       ". Do you need to set CHARM_LAYERS_DIR? (searched " + join(m_searched) + ")");
      return;
    }
    std::string default_name = ref.is_path ? fs::path(ref.name).lexically_normal().filename().string()
                                           : include.substr(6);
    if (default_name.empty()) default_name = fs::absolute(*dir).lexically_normal().parent_path().filename();
    Layer layer = load_layer(LayerKind::layer, include, *dir, default_name);
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
    m_ctx.diag.info("Processing layer: " + include + from_suffix(layer.dir));
    m_ctx.layers.push_back(std::move(layer));
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
      layer.config = load_optional_yaml_file(path, m_ctx.diag,
                                             "Malformed config file " + util::display_path(path, m_ctx.cwd));
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
    return first_directory({base / name, base / ((iface ? "interface-" : "layer-") + name)});
  }

  std::optional<fs::path> first_directory(const std::vector<fs::path>& candidates) {
    for (const auto& candidate : candidates) {
      fs::path absolute = candidate.is_absolute() ? candidate : m_ctx.cwd / candidate;
      m_searched.push_back(util::display_path(absolute.lexically_normal(), m_ctx.cwd));
      std::error_code ec;
      if (fs::is_directory(absolute, ec)) return absolute.lexically_normal();
    }
    return std::nullopt;
  }

  std::string from_suffix(const fs::path& dir) const {
    return " (from " + dir.lexically_relative(m_ctx.cwd).string() + ")";
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
  std::vector<std::string> m_searched;  // the candidates of the last lookup, for error messages
};

}  // namespace

void resolve_layers(BuildContext& ctx) { Resolver(ctx).run(); }

std::string charm_name_for(const BuildContext& ctx, const fs::path& top_dir) {
  if (ctx.options.name) return *ctx.options.name;
  if (auto text = util::read_file_if_exists(top_dir / "metadata.yaml")) {
    try {
      yaml::Value metadata = yaml::load("%YAML 1.1\n---\n" + *text);  // upstream reads it as YAML 1.1
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
