// Work other runtime modules hook into one hook run, like charm-helpers' atstart/atexit:
// start callbacks run in registration order after the managed flags are set and before
// dispatch; exit callbacks run in reverse order after a successful dispatch, before the kv
// commit (e.g. the endpoint data flush). Neither runs in restricted hooks (collect-metrics,
// meter-status-changed); exit callbacks do not run when the hook fails. A callback that throws
// fails the hook.
//
// Callbacks registered outside a hook (static initialisers) run in every hook of the process;
// those registered during a hook (by a start callback or a handler) only in that hook.
#pragma once
#include <functional>

namespace charm::detail {

void register_atstart(std::function<void()> callback);
void register_atexit(std::function<void()> callback);

// Used by run_hook.
void run_atstart();
void run_atexit();

// Marks the extent of one hook run: registrations inside it are dropped when it ends.
class HookCallbackScope {
 public:
  HookCallbackScope();
  ~HookCallbackScope();
  HookCallbackScope(const HookCallbackScope&) = delete;
  HookCallbackScope& operator=(const HookCallbackScope&) = delete;
};

}  // namespace charm::detail
