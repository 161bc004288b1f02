// Flags the runtime manages itself (runtime.md §4 and DECISIONS.md): config.*, leadership.*,
// upgrade.series.in-progress and charm.upgraded. Set at the start of a hook, before dispatch;
// the hook-scoped ones are cleared again at the end of a successful hook.
#pragma once

#include "runtime/runtime_context.hpp"

namespace charm::detail {

// config.changed[.OPT] (vs the snapshot; all on the first run), config.set.OPT (set and not
// null or ""), config.default.OPT (equal to the config.yaml default) for every option of
// config.yaml.
void init_config_flags(RuntimeContext& ctx);
void clear_config_flags(RuntimeContext& ctx);

// leadership.is_leader, leadership.set.KEY, leadership.changed.KEY, leadership.changed, from
// is-leader and leader-get against the copy kept in kv `leadership.settings.*`.
void init_leadership_flags(RuntimeContext& ctx);

// upgrade.series.in-progress (set by pre-, cleared by post-series-upgrade); charm.upgraded
// during upgrade-charm.
void init_upgrade_flags(RuntimeContext& ctx);
void clear_upgrade_flags(RuntimeContext& ctx);

}  // namespace charm::detail
