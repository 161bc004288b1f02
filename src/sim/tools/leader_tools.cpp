// is-leader, leader-get, leader-set (hook-tools.md §5; juju/juju
// worker/uniter/runner/jujuc/is-leader.go, leader-*.go and the hook context's leader.go).
#include "sim/tools/tool_list.hpp"

namespace sim::tools {

void is_leader(ToolCall& call) {
  Command cmd{"is-leader", "", "print application leadership status",
              "is-leader prints a boolean indicating whether the local unit is guaranteed to\n"
              "be application leader for at least 30 seconds. If it fails, you should assume that\n"
              "there is no such guarantee.\n",
              {}};
  call.add_output_flags(cmd);
  check_empty(call.parse(cmd));
  call.write(GoValue::boolean(call.is_leader()));
}

void leader_get(ToolCall& call) {
  Command cmd{"leader-get", "[<key>]", "print application leadership settings",
              "leader-get prints the value of a leadership setting specified by key. If no key\n"
              "is given, or if the key is \"-\", all keys and values will be printed.\n",
              {}};
  call.add_output_flags(cmd);
  auto args = call.parse(cmd);
  std::string key;
  if (!args.empty()) {
    key = args[0] == "-" ? "" : args[0];
    if (key.find('=') != std::string::npos) throw UsageError("invalid key " + go_quote(key));
    check_empty({args.begin() + 1, args.end()});
  }
  // Read once, then cached until this unit calls leader-set.
  if (!call.session.leader_settings_cache) call.session.leader_settings_cache = call.session.application().leader_settings;
  const Bag& settings = *call.session.leader_settings_cache;
  if (key.empty()) return call.write(GoValue::string_map(settings));
  auto it = settings.find(key);
  call.write(it == settings.end() ? GoValue() : GoValue::string(it->second));
}

void leader_set(ToolCall& call) {
  Command cmd{"leader-set", "<key>=<value> [...]", "write application leadership settings",
              "leader-set immediate writes the supplied key/value pairs to the controller,\n"
              "which will then inform non-leader units of the change. It will fail if called\n"
              "without arguments, or if called by a unit that is not currently application leader.\n",
              {}};
  auto args = call.parse(cmd);
  const auto settings = parse_key_values(args);
  if (!call.is_leader()) throw RunError("cannot write leadership settings: cannot write settings: not the leader");

  // Immediate, whatever the hook's exit code; an empty value deletes the key.
  Bag& stored = call.session.application().leader_settings;
  const Bag before = stored;
  for (const auto& [key, value] : settings) {
    if (value.empty()) stored.erase(key);
    else stored[key] = value;
  }
  call.session.leader_settings_cache.reset();  // the next leader-get reads the merged values
  if (stored != before) call.session.leader_settings_changed = true;
}

}  // namespace sim::tools
