// config-get (hook-tools.md §5; juju/juju worker/uniter/runner/jujuc/config-get.go).
#include "sim/tools/tool_list.hpp"

namespace sim::tools {

void config_get(ToolCall& call) {
  bool all = false;
  Command cmd{"config-get", "[<key>]", "print application configuration",
              "When no <key> is supplied, all keys with values or defaults are printed. If\n"
              "--all is set, all known keys are printed; those without defaults or values are\n"
              "reported as null. <key> and --all are mutually exclusive.\n",
              {}};
  call.add_output_flags(cmd);
  cmd.flags.push_back(bool_flag({"a", "all"}, all, "print all keys"));
  auto args = call.parse(cmd);
  std::string key;
  if (!args.empty()) {
    key = args[0];
    if (!key.empty() && all) throw UsageError("cannot use argument --all together with key " + go_quote(key));
    args.erase(args.begin());
    check_empty(args);
  }

  // The hook fetches the settings once (options without a value or default are null).
  if (!call.session.config_cache) call.session.config_cache = call.session.application().effective_config(true);
  const nlohmann::json& settings = *call.session.config_cache;
  // Settings come over Juju's JSON API, so every number is a float64 there.
  if (!key.empty()) {
    auto it = settings.find(key);
    return call.write(it == settings.end() ? GoValue() : GoValue::from_json(*it, true));
  }
  nlohmann::json shown = nlohmann::json::object();
  for (const auto& [k, v] : settings.items())
    if (all || !v.is_null()) shown[k] = v;
  call.write(GoValue::from_json(shown, true));
}

}  // namespace sim::tools
