// juju-reboot (hook-tools.md §5; juju/juju worker/uniter/runner/jujuc/reboot.go): recorded on
// the session; the agent reboots after a successful hook, or at once with --now.
#include "sim/tools/tool_list.hpp"

namespace sim::tools {

void juju_reboot(ToolCall& call) {
  bool now = false;
  Command cmd{"juju-reboot", "", "Reboot the host machine",
              "juju-reboot causes the host machine to reboot, after stopping all containers\n"
              "hosted on the machine.\n\n"
              "An invocation without arguments will allow the current hook to complete, and\n"
              "will only cause a reboot if the hook completes successfully.\n\n"
              "If the --now flag is passed, the current hook will terminate immediately, and\n"
              "be restarted from scratch after reboot. This allows charm authors to write\n"
              "hooks that need to reboot more than once in the course of installing software.\n\n"
              "juju-reboot is not supported when running actions.\n",
              {}};
  cmd.flags.push_back(bool_flag({"now"}, now, "reboot immediately, killing the invoking process"));
  check_empty(call.parse(cmd));
  if (!call.session.context().action_id.empty()) throw RunError("juju-reboot is not supported when running an action.");
  if (now) call.session.reboot_now = true;
  else call.session.reboot_after_hook = true;
}

}  // namespace sim::tools
