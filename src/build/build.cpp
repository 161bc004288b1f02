#include "build/build.hpp"

#include "build/manifest.hpp"
#include "build/plan_files.hpp"
#include "build/render_copies.hpp"
#include "build/render_hooks.hpp"
#include "build/render_yaml.hpp"
#include "build/report.hpp"
#include "build/resolve_layers.hpp"
#include "build/target.hpp"
#include "build/validate.hpp"
#include "build/wheelhouse.hpp"

namespace build {

void run_build(const BuildOptions& options) {
  BuildContext ctx{options};
  ctx.cwd = fs::current_path();

  resolve_layers(ctx);             // the include graph, deepest layer first
  ctx.diag.checkpoint();
  validate_layers(ctx);            // charm name, deprecations, unsupported features
  ctx.diag.checkpoint();
  prepare_build_dir(ctx);          // build dir rules; stale staging dirs removed
  TargetState target = check_target(ctx);  // hand edits since the last build stop us unless --force

  plan_files(ctx);                 // every layer file gets its tactic
  ctx.diag.checkpoint();
  render_copies(ctx);              // plain files, directories, copyright renaming
  yaml::Value metadata = render_yaml_files(ctx);  // merged metadata/config/actions/dist/resources
  render_layer_yaml(ctx);          // merged layer.yaml with validated options
  render_wheelhouse(ctx);          // wheelhouse.txt text merge
  ctx.diag.checkpoint();
  render_hooks_and_interfaces(ctx, metadata);  // generated hooks, hooks/relations/*
  render_version(ctx);             // the version file
  ctx.diag.checkpoint();

  std::string manifest = render_manifest(ctx);
  WriteResult written = write_target(ctx, target, manifest);  // staged, then swapped in
  if (ctx.options.report) print_report(target.old_signatures.has_value(), written);
}

}  // namespace build
