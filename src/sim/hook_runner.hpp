// Runs one hook or action of a unit the way the Juju agent does (hook-tools.md §1, §2): finds
// `dispatch` or `hooks/NAME`/`actions/NAME`, starts it on the unit's machine with Juju's
// environment, answers its hook-tool calls while it runs, logs its output, and kills it
// when it overruns the timeout.
#pragma once
#include <chrono>
#include <string>

#include "sim/hook_session.hpp"
#include "sim/machine.hpp"
#include "sim/tool_server.hpp"
#include "sim/unit_log.hpp"

namespace sim {

struct HookOutcome {
  bool ran = false;        // false: the charm has no such hook (skipped, counts as success)
  int exit_code = 0;
  bool timed_out = false;
  bool rebooted_now = false;  // `juju-reboot --now` killed it: nothing of it is kept, it runs again
  std::string signal;      // "SIGKILL" when it was killed by a signal
  double seconds = 0;
};

struct HookRunnerOptions {
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::string juju_version = "3.4.0";
};

class HookRunner {
 public:
  HookRunner(Machine& machine, ToolServer& server, const UnitLog& log, HookRunnerOptions options)
      : m_machine(machine), m_server(server), m_log(log), m_options(options) {}
  HookOutcome run(HookSession& session);

 private:
  ProcessSpec process_for(HookSession& session, const std::string& context_id, bool& found);
  // resource-get's file, copied into the unit's agent dir; returns the path the hook sees.
  std::string place_resource(const std::string& unit, const std::string& name, const std::string& host_file);
  Machine& m_machine;
  ToolServer& m_server;
  const UnitLog& m_log;
  HookRunnerOptions m_options;
};

}  // namespace sim
