// action-get, action-set, action-fail (hook-tools.md §5; juju/juju
// worker/uniter/runner/jujuc/action-*.go). Results and failure go to the ActionRecord; the
// agent reports them when the action ends, whatever its exit code.
#include <algorithm>

#include "sim/tools/tool_list.hpp"

namespace sim::tools {

namespace {

std::vector<std::string> split_dots(const std::string& key) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

// action-set's key rule: ^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$
bool valid_result_key(const std::string& key) {
  const auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (key.empty() || !ok(key.front()) || !ok(key.back())) return false;
  return std::all_of(key.begin(), key.end(), [&](char c) { return ok(c) || c == '-'; });
}

// The parameters Juju hands the action: the given ones over actions.yaml's defaults.
nlohmann::json action_params(ToolCall& call, const ActionRecord& action) {
  nlohmann::json params = action.params.is_object() ? action.params : nlohmann::json::object();
  const nlohmann::json& spec = call.session.application().charm.actions;
  if (spec.is_object() && spec.contains(action.name) && spec[action.name].is_object()) {
    const nlohmann::json& declared = spec[action.name].value("params", nlohmann::json::object());
    if (declared.is_object())
      for (const auto& [name, schema] : declared.items())
        if (!params.contains(name) && schema.is_object() && schema.contains("default")) params[name] = schema["default"];
  }
  return params;
}

}  // namespace

void action_get(ToolCall& call) {
  Command cmd{"action-get", "[<key>[.<key>.<key>...]]", "get action parameters",
              "action-get will print the value of the parameter at the given key, serialized\n"
              "as YAML.  If multiple keys are passed, action-get will recurse into the param\n"
              "map as needed.\n",
              {}};
  call.add_output_flags(cmd);
  auto args = call.parse(cmd);
  std::vector<std::string> keys;
  if (!args.empty()) {
    check_empty({args.begin() + 1, args.end()});
    keys = split_dots(args[0]);
  }
  const nlohmann::json params = action_params(call, call.action());
  // Parameters reach Juju's agent as JSON: numbers are float64 there.
  if (keys.empty()) return call.write(GoValue::from_json(params, true));
  const nlohmann::json* node = &params;
  for (const auto& key : keys) {
    if (!node->is_object() || !node->contains(key)) return call.write(GoValue());
    node = &(*node)[key];
  }
  call.write(GoValue::from_json(*node, true));
}

void action_set(ToolCall& call) {
  Command cmd{"action-set", "<key>=<value> [<key>=<value> ...]", "set action results",
              "action-set adds the given values to the results map of the Action.  This map\n"
              "is returned to the user after the completion of the Action.  Keys must start\n"
              "and end with lowercase alphanumeric, and contain only lowercase alphanumeric,\n"
              "hyphens and periods.\n",
              {}};
  auto args = call.parse(cmd);
  // Every argument is checked before anything is set.
  std::vector<std::pair<std::vector<std::string>, std::string>> updates;
  for (const auto& arg : args) {
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) throw UsageError("argument " + go_quote(arg) + " must be of the form key...=value");
    auto keys = split_dots(arg.substr(0, eq));
    for (const auto& key : keys) {
      if (!valid_result_key(key))
        throw UsageError("key " + go_quote(key) +
                         " must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, "
                         "hyphens and periods");
      if (key == "stdout" || key == "stdout-encoding" || key == "stderr" || key == "stderr-encoding")
        throw UsageError("cannot set reserved action key " + go_quote(key));
    }
    updates.emplace_back(std::move(keys), arg.substr(eq + 1));
  }
  ActionRecord& action = call.action();
  if (!action.results.is_object()) action.results = nlohmann::json::object();
  for (const auto& [keys, value] : updates) {
    // Juju's addValueToMap: walk down, replacing anything that is not a map on the way.
    nlohmann::json* node = &action.results;
    for (size_t i = 0; i + 1 < keys.size(); ++i) {
      nlohmann::json& next = (*node)[keys[i]];
      if (!next.is_object()) next = nlohmann::json::object();
      node = &next;
    }
    (*node)[keys.back()] = value;
  }
}

void action_fail(ToolCall& call) {
  Command cmd{"action-fail", "[\"<failure message>\"]", "set action fail status with message",
              "action-fail sets the action's fail state with a given error message.  Using\n"
              "action-fail without a failure message will set a default message indicating a\n"
              "problem with the action.\n",
              {}};
  auto args = call.parse(cmd);
  std::string message = "action failed without reason given, check action for errors";
  if (!args.empty()) {
    message = args[0];
    check_empty({args.begin() + 1, args.end()});
  }
  ActionRecord& action = call.action();
  action.message = message;
  action.status = "failed";
}

}  // namespace sim::tools
