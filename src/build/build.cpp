#include "build/build.hpp"

#include <chrono>

#include "build/manifest.hpp"
#include "build/native_hooks.hpp"
#include "build/plan_files.hpp"
#include "build/render_copies.hpp"
#include "build/render_hooks.hpp"
#include "build/render_yaml.hpp"
#include "build/resolve_layers.hpp"
#include "build/target.hpp"
#include "build/validate.hpp"
#include "build/wheelhouse.hpp"
#include "pack/charm_file.hpp"

namespace build {

namespace {

// Records how long each stage took, for the JSON report.
class StageTimer {
 public:
  explicit StageTimer(BuildContext& ctx) : m_ctx(ctx), m_start(std::chrono::steady_clock::now()) {}
  void lap(const char* stage) {
    auto now = std::chrono::steady_clock::now();
    m_ctx.timings_ms.emplace_back(stage, std::chrono::duration<double, std::milli>(now - m_start).count());
    m_start = now;
  }

 private:
  BuildContext& m_ctx;
  std::chrono::steady_clock::time_point m_start;
};

}  // namespace

void run_build(BuildContext& ctx) {
  StageTimer timer(ctx);
  resolve_layers(ctx);             // the include graph, deepest layer first
  ctx.diag.checkpoint();
  validate_layers(ctx);            // charm name, deprecations, unsupported features
  ctx.diag.checkpoint();
  prepare_build_dir(ctx);          // build dir rules; stale staging dirs removed
  TargetState target = check_target(ctx);  // hand edits since the last build stop us unless --force
  timer.lap("resolve");

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
  timer.lap("plan");
  render_native_hooks(ctx);        // C++ handlers + libcharm -> one static `dispatch` binary
  ctx.diag.checkpoint();
  timer.lap("compile");

  WriteResult written = write_target(ctx, target, render_manifest(ctx));  // staged, then swapped in
  ctx.had_previous_build = target.old_signatures.has_value();
  ctx.changed = written.changed;
  ctx.added = written.added;
  ctx.modified = written.modified;
  ctx.removed = written.removed;
  timer.lap("write");

  if (ctx.options.charm_file) {
    ctx.charm_file = ctx.cwd / (ctx.charm_name + ".charm");
    pack::write_charm_file(ctx.target, *ctx.charm_file);  // ./NAME.charm, as charm-tools
    timer.lap("pack");
  }
}

}  // namespace build
