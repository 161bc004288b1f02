#include "build/render_yaml.hpp"

#include <algorithm>

#include "build/layer_options.hpp"
#include "build/render_common.hpp"
#include "build/yaml_file.hpp"
#include "util/file.hpp"
#include "yaml/dump.hpp"
#include "yaml/json_convert.hpp"
#include "yaml/merge.hpp"

namespace build {

namespace {

struct LoadedFile {
  const Contribution* contribution;
  yaml::Value data;  // a mapping
};

// Loads every contribution of an entry; nullopt after reporting errors.
std::optional<std::vector<LoadedFile>> load_contributions(BuildContext& ctx, const PlanEntry& entry) {
  std::vector<LoadedFile> files;
  bool ok = true;
  for (const Contribution& c : entry.contributions) {
    std::string shown = layer_path(ctx, c);
    auto data = load_yaml_file(c.source, ctx.diag, "Failed to process " + shown + ". Ensure the YAML is valid");
    if (!data) {
      ok = false;
    } else if (!data->is_mapping()) {
      ctx.diag.error(shown + ":" + std::to_string(data->mark().line) + ":" + std::to_string(data->mark().column) +
                     ": the top level must be a mapping, found a " + kind_name(data->kind()));
      ok = false;
    } else {
      files.push_back({&c, std::move(*data)});
    }
  }
  if (!ok) return std::nullopt;
  return files;
}

std::optional<yaml::Value> merge_files(BuildContext& ctx, const std::vector<LoadedFile>& files) {
  yaml::Value merged = yaml::Value::mapping();
  for (const LoadedFile& file : files) {
    try {
      yaml::deep_merge(merged, file.data);
    } catch (const yaml::MergeConflict& e) {
      ctx.diag.error("Cannot merge " + layer_path(ctx, *file.contribution) + ": " + e.what());
      return std::nullopt;
    }
  }
  return merged;
}

// series: every layer's list, highest layer first, without repeats.
// maintainer(s): only from the highest layer that has metadata.yaml.
void apply_metadata_rules(const std::vector<LoadedFile>& files, yaml::Value& merged) {
  yaml::Value series = yaml::Value::sequence();
  bool any_series = false;
  for (auto it = files.rbegin(); it != files.rend(); ++it) {
    const yaml::Value* s = it->data.find("series");
    if (!s) continue;
    any_series = true;
    std::vector<yaml::Value> items = s->is_sequence() ? s->items() : std::vector<yaml::Value>{*s};
    for (const auto& item : items)
      if (std::find(series.items().begin(), series.items().end(), item) == series.items().end())
        series.push_back(item);
  }
  if (any_series) merged.set("series", series);
  merged.erase("maintainer");
  merged.erase("maintainers");
  if (!files.empty())
    for (const char* key : {"maintainer", "maintainers"})
      if (const yaml::Value* v = files.back().data.find(key)) merged.set(key, *v);
}

// Deletes come from one layer: the highest at index <= p+1 whose config has the section,
// p being the highest layer providing the file (charm-tools' ChainMap lookup; kept).
void apply_deletes(BuildContext& ctx, const PlanEntry& entry, const std::string& section, yaml::Value& merged) {
  size_t p = entry.contributions.back().layer_index;
  size_t start = std::min(p + 1, ctx.layers.size() - 1);
  for (size_t i = start + 1; i-- > 0;) {
    const Layer& layer = ctx.layers[i];
    const yaml::Value* config_section = layer.config_section(section);
    if (!config_section) continue;
    const yaml::Value* deletes = config_section->is_mapping() ? config_section->find("deletes") : nullptr;
    if (!deletes || !deletes->is_sequence()) return;
    for (const auto& item : deletes->items()) {
      std::string path = (section == "config" ? "options." : "") + item.text();
      if (yaml::delete_path(merged, path) == yaml::DeleteResult::missing_parent)
        ctx.diag.error(util::display_path(layer.dir / layer.config_file, ctx.cwd) + ":" +
                       std::to_string(item.mark().line) + ":" + std::to_string(item.mark().column) +
                       ": cannot delete '" + item.text() + "' from " + section + ".yaml: '" +
                       path.substr(0, path.rfind('.')) + "' is not a mapping there");
    }
    return;
  }
}

}  // namespace

void order_metadata_keys(yaml::Value& metadata) {
  static const std::vector<std::string> first{"name",     "summary", "maintainer", "maintainers", "description",
                                              "tags",     "series",  "requires",   "provides",    "peers"};
  auto rank = [](const yaml::Value& key) {
    auto it = std::find(first.begin(), first.end(), key.text());
    return it == first.end() ? first.size() : static_cast<size_t>(it - first.begin());
  };
  std::stable_sort(metadata.entries().begin(), metadata.entries().end(), [&](const auto& a, const auto& b) {
    size_t ra = rank(a.first), rb = rank(b.first);
    if (ra != rb) return ra < rb;
    return ra == first.size() && a.first.text() < b.first.text();  // byte order = code point order in UTF-8
  });
}

yaml::Value render_yaml_files(BuildContext& ctx) {
  yaml::Value metadata = yaml::Value::mapping();
  for (const PlanEntry& entry : ctx.plan.entries()) {
    if (entry.tactic != Tactic::yaml_merge || entry.contributions.empty()) continue;
    auto files = load_contributions(ctx, entry);
    if (!files) continue;
    auto merged = merge_files(ctx, *files);
    if (!merged) continue;
    std::string section = entry.relpath.substr(0, entry.relpath.size() - 5);
    if (section == "metadata") apply_metadata_rules(*files, *merged);
    apply_deletes(ctx, entry, section, *merged);
    if (section == "metadata") {
      order_metadata_keys(*merged);
      metadata = *merged;
    }
    const Layer& owner = ctx.layers[entry.contributions.back().layer_index];
    ctx.output.put(entry.relpath, generated_file(yaml::dump(*merged), owner.url));
  }
  return metadata;
}

std::string normalize_include_path(const std::string& include) {
  std::vector<std::string> parts;
  for (const auto& part : fs::path(include))
    if (!part.empty() && part != "/" && part != "." && part != "..") parts.push_back(part.string());
  if (parts.size() <= 1) return parts.empty() ? include : parts.back();
  return parts[parts.size() - 2] + "/" + parts.back();
}

namespace {

// One layer's layer.yaml as it enters the merge: `ignore` keyed by layer, `defines` removed.
yaml::Value prepare_layer_config(const Layer& layer, yaml::Value data) {
  if (yaml::Value* ignore = data.find("ignore"); ignore && ignore->is_sequence()) {
    yaml::Value keyed = yaml::Value::mapping();
    keyed.set(layer.name, *ignore);
    *ignore = keyed;
  }
  data.erase("defines");
  if (!data.find("options")) data.set("options", yaml::Value::mapping());
  return data;
}

void validate_options(BuildContext& ctx, yaml::Value& merged) {
  std::vector<LayerDefines> defines;
  for (const Layer& layer : ctx.layers) {
    if (!layer.config) continue;
    const yaml::Value* d = layer.config->find("defines");
    defines.push_back({layer.name, d && d->is_mapping() ? yaml::to_json(*d) : nlohmann::ordered_json::object()});
  }
  yaml::Value* options = merged.find("options");
  if (!options->is_mapping()) {
    ctx.diag.error("layer.yaml: 'options' must be a mapping of layer name to options");
    return;
  }
  // charms.reactive's own options are not declared by any layer; upstream rejects them
  // always (a bug), so they bypass the schema here.
  std::optional<yaml::Value> reactive;
  if (const yaml::Value* r = options->find("charms.reactive")) reactive = *r;
  options->erase("charms.reactive");
  nlohmann::ordered_json json = yaml::to_json(*options);
  for (const std::string& message : validate_layer_options(json, defines)) {
    if (ctx.options.force == Force::yes)
      ctx.diag.warning(message);
    else
      ctx.diag.error(message + " (layer.yaml options; --force builds anyway)");
  }
  *options = yaml::from_json(json);
  if (reactive) options->set("charms.reactive", *reactive);
}

}  // namespace

void render_layer_yaml(BuildContext& ctx) {
  std::vector<size_t> providers;
  for (size_t i = 0; i < ctx.layers.size(); ++i) {
    const Layer& layer = ctx.layers[i];
    const PlanEntry* entry = ctx.plan.find(layer.config_file.empty() ? "layer.yaml" : layer.config_file);
    if (!layer.config || !entry || entry->tactic != Tactic::layer_yaml) continue;
    bool contributed = std::any_of(entry->contributions.begin(), entry->contributions.end(),
                                   [&](const Contribution& c) { return c.layer_index == i; });
    if (contributed) providers.push_back(i);
  }
  if (providers.empty()) return;
  yaml::Value merged = yaml::Value::mapping();
  for (size_t i : providers) {
    try {
      yaml::deep_merge(merged, prepare_layer_config(ctx.layers[i], *ctx.layers[i].config));
    } catch (const yaml::MergeConflict& e) {
      ctx.diag.error("Cannot merge " + util::display_path(ctx.layers[i].dir / ctx.layers[i].config_file, ctx.cwd) +
                     ": " + e.what());
      return;
    }
  }
  validate_options(ctx, merged);
  if (yaml::Value* includes = merged.find("includes"); includes && includes->is_sequence()) {
    yaml::Value normalized = yaml::Value::sequence();
    for (const auto& item : includes->items()) {
      const std::string& text = item.text();
      normalized.push_back(yaml::Value::string(text.find(':') != std::string::npos ? text
                                                                                  : normalize_include_path(text)));
    }
    *includes = normalized;
  }
  const Layer& owner = ctx.layers[providers.back()];
  if (!merged.find("is")) merged.set("is", yaml::Value::string(owner.url));
  ctx.output.put("layer.yaml", generated_file(yaml::dump(merged), owner.url));
}

}  // namespace build
