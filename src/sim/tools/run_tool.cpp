// run_tool(): finds the tool by basename(argv[0]) and turns its outcome into what jujuc's
// cmd.Main answers: stdout, "ERROR <message>\n" on stderr, exit 0, 1 or 2.
#include <algorithm>
#include <exception>

#include "sim/tools/tool_list.hpp"

namespace sim {

namespace {

using tools::ToolCall;

struct ToolEntry {
  const char* name;
  void (*run)(ToolCall&);  // null: a Juju tool the simulator does not implement
  bool restricted_ok = false;  // works in collect-metrics / meter-status-changed
};

const ToolEntry kTools[] = {
    {"action-fail", tools::action_fail},
    {"action-get", tools::action_get},
    {"action-log", tools::action_log},
    {"action-set", tools::action_set},
    {"add-metric", nullptr},
    {"application-version-set", tools::application_version_set},
    {"close-port", tools::close_port},
    {"config-get", tools::config_get},
    {"credential-get", nullptr},
    {"function-log", tools::action_log},
    {"goal-state", nullptr},
    {"is-leader", tools::is_leader},
    {"juju-log", tools::juju_log, true},
    {"juju-reboot", tools::juju_reboot},
    {"k8s-raw-get", nullptr},
    {"k8s-raw-set", nullptr},
    {"k8s-spec-get", nullptr},
    {"k8s-spec-set", nullptr},
    {"leader-get", tools::leader_get},
    {"leader-set", tools::leader_set},
    {"network-get", tools::network_get},
    {"open-port", tools::open_port},
    {"opened-ports", tools::opened_ports, true},
    {"payload-register", nullptr},
    {"payload-status-set", nullptr},
    {"payload-unregister", nullptr},
    {"pod-spec-get", nullptr},
    {"pod-spec-set", nullptr},
    {"relation-get", tools::relation_get},
    {"relation-ids", tools::relation_ids},
    {"relation-list", tools::relation_list},
    {"relation-model-get", nullptr},
    {"relation-set", tools::relation_set},
    {"resource-get", tools::resource_get},
    {"secret-add", nullptr},
    {"secret-get", nullptr},
    {"secret-grant", nullptr},
    {"secret-ids", nullptr},
    {"secret-info-get", nullptr},
    {"secret-remove", nullptr},
    {"secret-revoke", nullptr},
    {"secret-set", nullptr},
    {"state-delete", nullptr},
    {"state-get", nullptr},
    {"state-set", nullptr},
    {"status-get", tools::status_get, true},
    {"status-set", tools::status_set},
    {"storage-add", nullptr},
    {"storage-get", tools::storage_get},
    {"storage-list", tools::storage_list},
    {"unit-get", tools::unit_get},
};

ToolResponse failure(ToolResponse response, int code, const std::string& message) {
  response.exit_code = code;
  response.out.clear();
  response.output_file.clear();
  response.err += "ERROR " + message + "\n";
  return response;
}

}  // namespace

ToolResponse run_tool(HookSession& session, const ToolRequest& request) {
  const std::string& arg0 = request.argv.empty() ? std::string() : request.argv[0];
  const std::string name = arg0.substr(arg0.rfind('/') == std::string::npos ? 0 : arg0.rfind('/') + 1);
  const ToolEntry* entry = nullptr;
  for (const auto& e : kTools)
    if (name == e.name) entry = &e;
  ToolCall call(session, request);
  if (!entry) return failure(call.response, 1, "unknown command " + tools::go_quote(name));
  if (!entry->run)
    return failure(call.response, 1,
                   "charm-sim does not implement " + name + " (it simulates the hook tools of Juju machine charms; " +
                       "secrets, charm state, payloads, metrics and Kubernetes specs are out of its scope)");
  // Juju's RestrictedContext answers every other context method with
  // errors.NotImplementedf("not implemented for restricted context").
  if (session.context().restricted && !entry->restricted_ok)
    return failure(call.response, 1, "not implemented for restricted context not implemented");
  try {
    entry->run(call);
    return call.response;
  } catch (const tools::HelpRequested& help) {
    call.response.out = help.text;
    call.response.output_file.clear();
    call.response.exit_code = 0;
    return call.response;
  } catch (const tools::UsageError& e) {
    return failure(call.response, 2, e.what());
  } catch (const tools::RunError& e) {
    return failure(call.response, 1, e.what());
  } catch (const std::exception& e) {
    return failure(call.response, 1, e.what());
  }
}

const std::vector<std::string>& tool_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& e : kTools) out.push_back(e.name);
    return out;
  }();
  return names;
}

}  // namespace sim
