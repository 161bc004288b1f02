#include "build/render_hooks.hpp"

#include <algorithm>
#include <set>

#include "build/hook_template.hpp"
#include "build/plan_files.hpp"
#include "build/render_common.hpp"
#include "build/revision.hpp"
#include "build/yaml_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/ignore_matcher.hpp"

namespace build {

const std::vector<std::string>& standard_hook_names() {
  static const std::vector<std::string> names{"install",         "config-changed",          "leader-elected",
                                              "leader-settings-changed", "start",           "stop",
                                              "update-status",   "upgrade-charm",           "pre-series-upgrade",
                                              "post-series-upgrade"};
  return names;
}

namespace {

constexpr const char* relation_roles[] = {"provides", "requires", "peers"};

struct Relation {
  std::string name;
  std::string role;
  std::string interface;
};

std::vector<Relation> relations_of(BuildContext& ctx, const yaml::Value& metadata) {
  std::vector<Relation> out;
  for (const char* role : relation_roles) {
    const yaml::Value* section = metadata.find(role);
    if (!section || !section->is_mapping()) continue;
    for (const auto& [name, spec] : section->entries()) {
      const yaml::Value* iface = spec.is_mapping() ? spec.find("interface") : nullptr;
      if (!iface || !iface->is_scalar() || iface->is_null()) {
        ctx.diag.error("metadata.yaml: relation '" + name.text() + "' under " + role +
                       " has no interface; add e.g. `interface: " + name.text() + "`");
        continue;
      }
      out.push_back({name.text(), role, iface->text()});
    }
  }
  return out;
}

class HookWriter {
 public:
  HookWriter(BuildContext& ctx, std::string template_text, std::string owner)
      : m_ctx(ctx), m_template(std::move(template_text)), m_owner(std::move(owner)) {}

  // A hook is generated unless some layer had an entry at its path (even an ignored one).
  void write(const std::string& hook, const std::string& value, const std::string& owner) {
    std::string relpath = "hooks/" + hook;
    if (m_ctx.plan.find(relpath)) return;
    try {
      OutputFile file = generated_file(render_hook_template(m_template, value), owner.empty() ? m_owner : owner);
      file.mode = static_cast<fs::perms>(0755);
      file.keep_existing_mode = false;
      m_ctx.output.put(relpath, std::move(file));
    } catch (const TemplateError& e) {
      if (!m_reported) m_ctx.diag.error("Invalid hook.template: " + std::string(e.what()));
      m_reported = true;
    }
  }

 private:
  BuildContext& m_ctx;
  std::string m_template;
  std::string m_owner;
  bool m_reported = false;
};

bool has_role_implementation(const Layer& iface, const std::string& role) {
  // `.py` as charm-tools requires; native interface layers implement a role in C++ or shell.
  for (const char* ext : {".py", ".cpp", ".hpp", ".sh"}) {
    std::error_code ec;
    if (fs::exists(iface.dir / (role + ext), ec)) return true;
  }
  return false;
}

void copy_interface(BuildContext& ctx, const Layer& iface) {
  std::vector<std::string> patterns = default_ignores();
  for (const Layer* source : {&iface, &ctx.top()})
    for (const char* key : {"ignore", "exclude"}) {
      auto more = source->config_strings(key);
      patterns.insert(patterns.end(), more.begin(), more.end());
    }
  util::IgnoreMatcher skip(patterns);
  std::string prefix = "hooks/relations/" + iface.name + "/";
  std::error_code ec;
  for (fs::recursive_directory_iterator it(iface.dir, fs::directory_options::follow_directory_symlink, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string relpath = it->path().lexically_relative(iface.dir).generic_string();
    if (skip.matches(relpath)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory())
      ctx.output.add_directory(prefix + relpath);
    else
      ctx.output.put(prefix + relpath, copied_file(it->path(), iface.url));
  }
  if (ec) ctx.diag.error("cannot read interface " + iface.url + " at " + iface.dir.string() + ": " + ec.message());
  ctx.output.add_directory(prefix.substr(0, prefix.size() - 1));
  if (!ctx.output.files.count(prefix + "__init__.py")) ctx.output.put(prefix + "__init__.py", generated_file("", iface.url));
  // Everything under the interface's directory is signed static by the interface, even files a layer put there.
  for (auto it = ctx.output.files.lower_bound(prefix); it != ctx.output.files.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    it->second.owner = iface.url;
    it->second.kind = SignatureKind::static_file;
  }
}

// The lowest layer whose own metadata.yaml declares the storage owns its hooks (upstream).
std::string storage_owner(const BuildContext& ctx, const std::string& storage) {
  const PlanEntry* entry = ctx.plan.find("metadata.yaml");
  if (!entry) return "";
  Diagnostics quiet(Diagnostics::Logging::off);  // these files were loaded (and any error reported) by render_yaml_files
  for (const Contribution& c : entry->contributions) {
    auto data = load_optional_yaml_file(c.source, quiet, "");
    const yaml::Value* section = data && data->is_mapping() ? data->find("storage") : nullptr;
    if (section && section->is_mapping() && section->find(storage)) return ctx.layers[c.layer_index].url;
  }
  return "";
}

}  // namespace

void render_hooks_and_interfaces(BuildContext& ctx, const yaml::Value& metadata) {
  const PlanEntry* template_entry = ctx.plan.find("hooks/hook.template");
  auto template_file = ctx.output.files.find("hooks/hook.template");
  if (!template_entry || template_file == ctx.output.files.end()) {
    ctx.diag.error("At least one layer must provide hooks/hook.template");
    return;
  }
  if (!ctx.plan.find("metadata.yaml") || ctx.plan.find("metadata.yaml")->contributions.empty()) {
    ctx.diag.error("At least one layer must provide metadata.yaml");
    return;
  }
  if (metadata.size() == 0) {
    if (!ctx.interfaces.empty()) {
      ctx.diag.error("Includes interfaces but no metadata.yaml to bind them");
      return;
    }
    ctx.diag.warning("Empty metadata.yaml");
  }
  HookWriter hooks(ctx, util::read_file(*template_file->second.copy_from), template_file->second.owner);
  for (const std::string& hook : standard_hook_names()) hooks.write(hook, "hook", "");

  std::vector<Relation> relations = relations_of(ctx, metadata);
  std::set<std::string> used;
  for (const Relation& relation : relations) {
    auto iface = std::find_if(ctx.interfaces.begin(), ctx.interfaces.end(),
                              [&](const Layer& l) { return l.name == relation.interface; });
    if (iface == ctx.interfaces.end()) continue;
    if (!has_role_implementation(*iface, relation.role))
      ctx.diag.error("Missing implementation for interface role: " + relation.role + ".py (interface " +
                     iface->name + " at " + util::display_path(iface->dir, ctx.cwd) + ")");
    if (used.insert(iface->name).second) copy_interface(ctx, *iface);
  }
  for (const Layer& iface : ctx.interfaces)
    if (!used.count(iface.name))
      ctx.diag.warning("layer.yaml includes " + iface.name + " which isn't used in metadata.yaml");

  for (const Relation& relation : relations)
    for (const char* event : {"-relation-created", "-relation-joined", "-relation-changed", "-relation-broken",
                              "-relation-departed"})
      hooks.write(relation.name + event, relation.name, "");

  if (const yaml::Value* storage = metadata.find("storage"); storage && storage->is_mapping())
    for (const auto& [name, spec] : storage->entries()) {
      std::string owner = storage_owner(ctx, name.text());
      hooks.write(name.text() + "-storage-attached", name.text(), owner);
      hooks.write(name.text() + "-storage-detaching", name.text(), owner);
    }
}

void render_version(BuildContext& ctx) {
  const Layer& top = ctx.top();
  std::string fresh = describe_version(top.dir);
  auto old = util::read_file_if_exists(top.dir / "version");
  if (!fresh.empty() && old && *old != fresh)
    ctx.diag.warning("version " + *old + " is out of update, new sha " + fresh + " will be used!");
  std::string value = !fresh.empty() ? fresh : old.value_or("");
  if (fresh.empty() && !old) return;
  OutputFile file = generated_file(value, top.url);
  ctx.output.put("version", std::move(file));
}

}  // namespace build
