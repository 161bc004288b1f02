// Every hook tool the simulator implements, one function each, grouped by file.
// run_tool.cpp maps the tool names to them.
#pragma once
#include "sim/tools/tool_call.hpp"

namespace sim::tools {

// relation_tools.cpp
void relation_ids(ToolCall& call);
void relation_list(ToolCall& call);
void relation_get(ToolCall& call);
void relation_set(ToolCall& call);
// config_tools.cpp
void config_get(ToolCall& call);
// status_tools.cpp
void status_set(ToolCall& call);
void status_get(ToolCall& call);
void application_version_set(ToolCall& call);
// log_tools.cpp
void juju_log(ToolCall& call);
void action_log(ToolCall& call);
// leader_tools.cpp
void is_leader(ToolCall& call);
void leader_get(ToolCall& call);
void leader_set(ToolCall& call);
// port_tools.cpp
void open_port(ToolCall& call);
void close_port(ToolCall& call);
void opened_ports(ToolCall& call);
// unit_tools.cpp
void unit_get(ToolCall& call);
void network_get(ToolCall& call);
// action_tools.cpp
void action_get(ToolCall& call);
void action_set(ToolCall& call);
void action_fail(ToolCall& call);
// storage_tools.cpp
void storage_list(ToolCall& call);
void storage_get(ToolCall& call);
// resource_tools.cpp
void resource_get(ToolCall& call);
// reboot_tool.cpp
void juju_reboot(ToolCall& call);

}  // namespace sim::tools
