// The hook tools served by the simulator (hook-tools.md §4, §5): one function takes the
// argv a hook ran and answers as Juju 3.x's jujuc would: stdout, stderr ("ERROR <message>\n"),
// exit code (0 ok, 2 bad arguments, 1 run-time error).
#pragma once
#include <string>
#include <vector>

#include "sim/hook_session.hpp"

namespace sim {

struct ToolRequest {
  std::vector<std::string> argv;  // argv[0] = the tool name ("relation-get")
  std::string stdin_text;         // what the client read for `--file -` (empty otherwise)
};

struct ToolResponse {
  int exit_code = 0;
  std::string out, err;
  std::string output_file;  // -o/--output: the client writes `out` there instead of stdout
};

// Runs one tool against the session. Unknown tool names exit 1 with
// `ERROR unknown command "x"` style text.
ToolResponse run_tool(HookSession& session, const ToolRequest& request);

// Every tool name the simulator serves (for the symlinks in the tools dir).
const std::vector<std::string>& tool_names();

}  // namespace sim
