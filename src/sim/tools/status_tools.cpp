// status-set, status-get, application-version-set (hook-tools.md §5; juju/juju
// worker/uniter/runner/jujuc/status-*.go, application-version-set.go). They act at once,
// whatever the hook's exit code.
#include "sim/tools/tool_list.hpp"

namespace sim::tools {

namespace {

// juju's context returns ErrIsNotLeader ("this unit is not the leader") for application
// status from a non-leader.
const char* const not_leader = "this unit is not the leader";

// toDetails(): the status, plus message and data with --include-data.
GoValue status_details(const Status& status, bool include_data) {
  std::vector<GoValue::Field> fields{{"status", GoValue::string(status.status)}};
  if (include_data) {
    fields.emplace_back("status-data", GoValue::map({}));
    fields.emplace_back("message", GoValue::string(status.message));
  }
  return GoValue::map(std::move(fields));
}

}  // namespace

void status_set(ToolCall& call) {
  bool application = false;
  Command cmd{"status-set", "<maintenance | blocked | waiting | active> [message]", "set status information",
              "Sets the workload status of the charm. Message is optional.\n"
              "The \"last updated\" attribute of the status is set, even if the\n"
              "status and message are the same as what's already set.\n",
              {}};
  cmd.flags.push_back(bool_flag({"application"}, application,
                                "set this status for the application to which the unit belongs if the unit is the leader"));
  auto args = call.parse(cmd);
  if (args.empty()) throw UsageError("invalid args, require <status> [message]");
  const std::string& status = args[0];
  if (status != "maintenance" && status != "blocked" && status != "waiting" && status != "active")
    throw UsageError("invalid status " + go_quote(status) + ", expected one of [maintenance blocked waiting active]");
  std::string message;
  if (args.size() > 1) {
    message = args[1];
    check_empty({args.begin() + 2, args.end()});
  }
  if (application) {
    if (!call.is_leader()) throw RunError(not_leader);
    call.session.application().status = {status, message};
  } else {
    call.session.unit().workload = {status, message};
  }
}

void status_get(ToolCall& call) {
  bool include_data = false, application = false;
  Command cmd{"status-get", "[--include-data] [--application]", "print status information",
              "By default, only the status value is printed.\n"
              "If the --include-data flag is passed, the associated data are printed also.\n",
              {}};
  call.add_output_flags(cmd);
  cmd.flags.push_back(bool_flag({"include-data"}, include_data, "print all status data"));
  cmd.flags.push_back(bool_flag({"application"}, application,
                                "print status for all units of this application if this unit is the leader"));
  check_empty(call.parse(cmd));

  // A restricted context answers NotImplemented, which status-get prints as "unknown".
  if (call.session.context().restricted) return call.write(GoValue::string("unknown"));
  const bool plain = !include_data && call.format() == "smart";
  if (!application) {
    const Status& status = call.session.unit().workload;
    return call.write(plain ? GoValue::string(status.status) : status_details(status, include_data));
  }
  if (!call.is_leader()) throw RunError(std::string("finding application status: ") + not_leader);
  const Application& app = call.session.application();
  if (plain) return call.write(GoValue::string(app.status.status));
  GoValue details = status_details(app.status, include_data);
  std::vector<GoValue::Field> units;
  for (const auto& name : app.units)
    if (const Unit* u = call.session.model().unit(name)) units.emplace_back(name, status_details(u->workload, include_data));
  std::vector<GoValue::Field> fields = details.fields();
  fields.emplace_back("units", GoValue::map(std::move(units)));
  call.write(GoValue::map({{"application-status", GoValue::map(std::move(fields))}}));
}

void application_version_set(ToolCall& call) {
  Command cmd{"application-version-set", "<new-version>", "specify which version of the application is deployed",
              "application-version-set tells Juju which version of the application\n"
              "software is running. This could be a package version number or some\n"
              "other useful identifier, such as a Git hash, that indicates the\n"
              "version of the deployed software. (It shouldn't be confused with the\n"
              "charm revision.) The version set will be displayed in \"juju status\"\n"
              "output for the application.\n",
              {}};
  auto args = call.parse(cmd);
  if (args.empty()) throw UsageError("no version specified");
  check_empty({args.begin() + 1, args.end()});
  call.session.application().version = args[0];
}

}  // namespace sim::tools
