// A file that exists while a relation hook runs and is removed when it succeeds: if a hook finds
// it, the last relation hook failed and may have been skipped (`juju resolved --no-retry`), so
// Juju's relation membership may have moved on without the kv store noticing.
#pragma once
#include "charm/hook_env.hpp"

namespace charm::detail {

bool relation_hook_unfinished(const HookEnv& env);
void mark_relation_hook_running(const HookEnv& env);
void mark_relation_hook_finished(const HookEnv& env);

}  // namespace charm::detail
