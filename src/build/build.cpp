#include "build/build.hpp"

#include <chrono>

#include "build/lock_file.hpp"
#include "build/build_memo.hpp"
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
#include "build/compile_cache.hpp"
#include "pack/charm_file.hpp"
#include "util/file.hpp"
#include "util/hash_cache.hpp"

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

void write_charm_file_if_asked(BuildContext& ctx, StageTimer& timer) {
  if (!ctx.options.charm_file) return;
  ctx.charm_file = ctx.cwd / (ctx.charm_name + ".charm");
  pack::write_charm_file(ctx.target, *ctx.charm_file);  // ./NAME.charm, as charm-tools
  timer.lap("pack");
}

// Whether the build memo can stand for this build. A build that fetched layers or read a
// build.lock depends on more than the memo hashes (a remote branch moves; build.lock is a default
// ignore, so no layer input), and --write-lock-file must write even when nothing changed.
bool memo_covers(const BuildContext& ctx) {
  if (ctx.options.write_lock_file) return false;
  for (const auto* list : {&ctx.layers, &ctx.interfaces})
    for (const Layer& layer : *list)
      if (!layer.fetched_url.empty()) return false;
  std::error_code ec;
  return ctx.layers.empty() || !fs::exists(ctx.top().dir / "build.lock", ec);
}

}  // namespace

void run_build(BuildContext& ctx) {
  StageTimer timer(ctx);
  fs::path cache_dir = compile_cache_dir(ctx.options.getenv("CHARM_BUILD_CACHE"),
                                         ctx.options.getenv("XDG_CACHE_HOME"), ctx.options.getenv("HOME"));
  // File hashes are remembered per charm (top layer and working dir) between builds (keyed by stat data): cheap rebuilds.
  util::set_hash_cache(cache_dir / "file-hashes" /
                       (util::sha256_hex(ctx.cwd.string() + '\n' + ctx.options.charm_dir.string()).substr(0, 24)));
  if (ctx.options.use_memo && !ctx.options.write_lock_file && memo_proves_noop(ctx, cache_dir)) {  // nothing changed: stop here
    ctx.had_previous_build = true;
    timer.lap("memo");
    write_charm_file_if_asked(ctx, timer);
    util::hash_cache().save();
    return;
  }
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
  if (ctx.options.write_lock_file) write_lock_file(ctx);  // <top>/build.lock, after a good build only
  ctx.proof = proof::proof_charm(ctx.target);  // every build ends with proof, as charm-tools'
  timer.lap("proof");
  if (memo_covers(ctx)) record_memo(ctx, cache_dir);  // lets the next build with nothing changed stop early
  util::hash_cache().save();
  timer.lap("write");
  write_charm_file_if_asked(ctx, timer);
}

}  // namespace build
