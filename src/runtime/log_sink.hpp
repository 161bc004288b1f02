// Where the runtime's log messages go. A hook must stay cheap when idle, so ordinary messages
// are one stderr line each (the agent puts hook stderr in the unit log) and only warnings,
// errors, or everything when debugging is on, also go through a juju-log process.
#pragma once
#include <functional>
#include <string_view>

#include "charm/hook_tools.hpp"

namespace charm::detail {

// JUJU_DEBUG or CHARM_DEBUG is set to a non-empty value (read once).
bool debug_enabled();

// The sink behind charm::log(); never throws (a failing juju-log must not mask the message).
void write_log(hookcmd::LogLevel level, std::string_view message);

// Tests watch what is logged without a juju-log on PATH; pass {} to stop watching.
using LogObserver = std::function<void(hookcmd::LogLevel, std::string_view)>;
void set_log_observer(LogObserver observer);

}  // namespace charm::detail
