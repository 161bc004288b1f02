// run_hook: one hook, end to end (runtime.md §0). The steps read as the list of stages; any
// exception ends the hook with exit 1 and the kv transaction rolled back, so nothing of a
// failed hook persists (flags, kv values, the config snapshot).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "charm/reactive.hpp"
#include "charm/runtime.hpp"
#include "runtime/config_snapshot.hpp"
#include "runtime/dispatcher.hpp"
#include "runtime/endpoint_hooks.hpp"
#include "runtime/execd.hpp"
#include "runtime/hook_lifecycle.hpp"
#include "runtime/log_sink.hpp"
#include "runtime/managed_flags.hpp"
#include "runtime/reactive_client.hpp"
#include "runtime/runtime_context.hpp"
#include "runtime/shell_handlers.hpp"
#include "runtime/subprocess.hpp"
#include "runtime/tool_prefetch.hpp"

namespace charm {
namespace {

using namespace charm::detail;

// Child processes (shell handlers, tools) see the hook name; layer-basic puts the charm's
// bin/ on PATH.
void prepare_process_environment(const HookEnv& env) {
  const char* name = std::getenv("JUJU_HOOK_NAME");
  if (!name || !*name) ::setenv("JUJU_HOOK_NAME", env.hook_name.c_str(), 1);
  const char* path = std::getenv("PATH");
  std::string bin = (env.charm_dir / "bin").string();
  ::setenv("PATH", (std::string(path ? path : "/usr/bin:/bin") + ":" + bin).c_str(), 1);
}

void start_managed_flags(RuntimeContext& ctx) {
  hookcmd::prefetch_start_of_hook(!ctx.config_defaults().empty());
  init_config_flags(ctx);
  init_upgrade_flags(ctx);
  init_leadership_flags(ctx);
  start_endpoints(ctx);  // after leadership: publishing application data needs is_leader
}

void end_managed_flags(RuntimeContext& ctx) {
  clear_config_flags(ctx);
  clear_upgrade_flags(ctx);
}

// When the hook process started working (run_hook), for the timing line at the end.
std::chrono::steady_clock::time_point g_started = std::chrono::steady_clock::now();

int run_reactive(RuntimeContext& ctx) {
  const HookEnv& env = ctx.env();
  const bool restricted = env.restricted();
  write_log(hookcmd::LogLevel::info, "Reactive main running for hook " + env.hook_name);

  // C++ handlers in registration order, then shell handlers in path order.
  std::vector<HandlerSpec> specs = handler_registry();
  for (auto& s : discover_shell_handlers(env.charm_dir)) specs.push_back(std::move(s));
  Dispatcher dispatcher(prepare_handlers(specs, ctx.metadata()), ctx.kv(), ctx.flags(), env.hook_name, env.charm_dir);

  if (!restricted) {
    start_managed_flags(ctx);
    run_atstart();
  }
  dispatcher.dispatch(restricted ? Restricted::yes : Restricted::no);
  if (!restricted) {
    run_atexit();
    publish_endpoint_data(ctx);  // only a successful hook gets here: a failed one publishes nothing
    ctx.flags().clear_triggers();  // before the managed flags go, so clearing them fires nothing
    end_managed_flags(ctx);
  }
  ctx.kv().commit();
  // What the hook cost, for charm authors reading debug-log (stderr: no process).
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_started);
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", elapsed.count());
  write_log(hookcmd::LogLevel::info, "Hook " + env.hook_name + " done in " + took + " ms, " +
                                         std::to_string(processes_spawned()) + " processes started (" +
                                         std::to_string(hookcmd::processes_started()) + " hook tools)");
  // After the commit: if this write fails, the next hook sees config.changed again, which is
  // safe; a snapshot saved before a failed commit would hide a change.
  if (ctx.config_loaded() && ctx.previous_config() != ctx.config()) {
    try {
      save_config_snapshot(config_snapshot_path(env.charm_dir), ctx.config());
    } catch (const std::exception& e) {
      write_log(hookcmd::LogLevel::warning, e.what());
    }
  }
  return 0;
}

int hook_error(const std::string& message) {
  write_log(hookcmd::LogLevel::error, "Hook error: " + message);
  return 1;
}

}  // namespace

int run_hook(int argc, char** argv) {
  g_started = std::chrono::steady_clock::now();
  std::string argv0 = argc > 0 && argv[0] ? argv[0] : "";
  // Multi-call: the same binary is the client that shell handlers run.
  if (std::filesystem::path(argv0).filename() == "charm-reactive")
    return run_reactive_client(std::vector<std::string>(argv + 1, argv + argc));
  if (argc >= 2 && std::string(argv[1]) == "charm-reactive")
    return run_reactive_client(std::vector<std::string>(argv + 2, argv + argc));

  try {
    HookEnv env = HookEnv::from_environment(argv0);
    prepare_process_environment(env);
    if (!env.restricted())
      if (auto exit_code = run_execd_pre_install(env.charm_dir)) return *exit_code;
    HookCallbackScope callbacks;
    struct DropPrefetched {
      ~DropPrefetched() { hookcmd::drop_prefetched(); }
    } drop_prefetched;
    RuntimeContext ctx(std::move(env), KeyValueStore::default_path());
    return run_reactive(ctx);
  } catch (const HandlerFailure& e) {
    return hook_error("handler " + e.handler_id() + " (" + e.source() + ") failed: " + e.what());
  } catch (const std::exception& e) {
    return hook_error(e.what());
  } catch (...) {
    return hook_error("unknown exception");
  }
}

}  // namespace charm
