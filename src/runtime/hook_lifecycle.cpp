// atstart/atexit lists (hook_lifecycle.hpp).
#include "runtime/hook_lifecycle.hpp"

#include <vector>

namespace charm::detail {
namespace {

using Callbacks = std::vector<std::function<void()>>;

struct Lists {
  Callbacks process_start, process_exit;  // registered outside a hook: every hook
  Callbacks hook_start, hook_exit;        // registered during the current hook only
  bool in_hook = false;
};

// A function-local static: modules may register from static initialisers.
Lists& lists() {
  static Lists l;
  return l;
}

}  // namespace

void register_atstart(std::function<void()> callback) {
  Lists& l = lists();
  (l.in_hook ? l.hook_start : l.process_start).push_back(std::move(callback));
}

void register_atexit(std::function<void()> callback) {
  Lists& l = lists();
  (l.in_hook ? l.hook_exit : l.process_exit).push_back(std::move(callback));
}

// Copies are run because a callback may register more (endpoint start-up registers its flush);
// start callbacks registered by a start callback run in the same pass.
void run_atstart() {
  Callbacks permanent = lists().process_start;
  for (auto& cb : permanent) cb();
  while (!lists().hook_start.empty()) {
    Callbacks batch;
    batch.swap(lists().hook_start);
    for (auto& cb : batch) cb();
  }
}

void run_atexit() {
  while (!lists().hook_exit.empty()) {
    Callbacks batch;
    batch.swap(lists().hook_exit);
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) (*it)();
  }
  Callbacks permanent = lists().process_exit;
  for (auto it = permanent.rbegin(); it != permanent.rend(); ++it) (*it)();
}

HookCallbackScope::HookCallbackScope() { lists().in_hook = true; }

HookCallbackScope::~HookCallbackScope() {
  lists().in_hook = false;
  lists().hook_start.clear();
  lists().hook_exit.clear();
}

}  // namespace charm::detail
