// charm-reactive commands (reactive_requests.hpp).
#include "runtime/reactive_requests.hpp"

#include "charm/runtime.hpp"

namespace charm::detail {

const char* const k_reactive_usage =
    "usage: charm-reactive COMMAND [ARGS]\n"
    "  set_flag FLAG...        set flags\n"
    "  clear_flag FLAG...      clear flags\n"
    "  is_flag_set FLAG        exit 0 if set, 1 if not\n"
    "  get_flags               print the set flags, one per line\n"
    "  kv_get KEY              print the stored JSON value (null when missing)\n"
    "  kv_set KEY JSON         store a JSON value (quote strings: '\"text\"')\n"
    "  kv_unset KEY            delete a key\n"
    "  layer_option LAYER OPT  print a layer option; booleans as exit code 0/1, lists one per line\n"
    "Changes are part of the hook: they persist only if the whole hook succeeds.\n";

namespace {

ClientReply usage_error(const std::string& message) {
  return {2, "", "charm-reactive: " + message + "\n" + k_reactive_usage};
}

// bin/layer_option of layer-basic: booleans as exit code, lists one item per line, strings
// as they are, a missing option as an empty line.
ClientReply print_layer_option(const nlohmann::json& value) {
  auto text = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); };
  if (value.is_boolean()) return {value.get<bool>() ? 0 : 1, "", ""};
  ClientReply r;
  if (value.is_array())
    for (const auto& item : value) r.out += text(item) + "\n";
  else
    r.out = text(value) + "\n";
  return r;
}

}  // namespace

ClientReply handle_reactive_request(RuntimeContext& ctx, const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("no command given");
  const std::string& cmd = args[0];
  const size_t n = args.size() - 1;
  auto arity = [&](size_t want) { return n == want; };

  if (cmd == "help" || cmd == "--help" || cmd == "-h") return {0, k_reactive_usage, ""};
  if (cmd == "set_flag" || cmd == "clear_flag") {
    if (n == 0) return usage_error(cmd + " needs at least one flag");
    for (size_t i = 1; i < args.size(); ++i) ctx.flags().toggle(args[i], cmd == "set_flag");
    return {};
  }
  if (cmd == "is_flag_set") {
    if (!arity(1)) return usage_error("is_flag_set takes one flag");
    return {ctx.flags().is_set(args[1]) ? 0 : 1, "", ""};
  }
  if (cmd == "get_flags") {
    if (!arity(0)) return usage_error("get_flags takes no arguments");
    ClientReply r;
    for (const auto& f : ctx.flags().list()) r.out += f + "\n";
    return r;
  }
  if (cmd == "kv_get") {
    if (!arity(1)) return usage_error("kv_get takes one key");
    return {0, ctx.kv().get(args[1]).value_or(nullptr).dump() + "\n", ""};
  }
  if (cmd == "kv_set") {
    if (!arity(2)) return usage_error("kv_set takes a key and a JSON value");
    nlohmann::json value = nlohmann::json::parse(args[2], nullptr, false);
    if (value.is_discarded())
      return usage_error("kv_set: the value is not JSON: " + args[2] + " (strings need quotes: '\"" + args[2] + "\"')");
    ctx.kv().set(args[1], value);
    return {};
  }
  if (cmd == "kv_unset") {
    if (!arity(1)) return usage_error("kv_unset takes one key");
    ctx.kv().unset(args[1]);
    return {};
  }
  if (cmd == "layer_option") {
    if (!arity(2)) return usage_error("layer_option takes a layer and an option");
    return print_layer_option(layer_option(args[1], args[2]));
  }
  return usage_error("unknown command '" + cmd + "'");
}

}  // namespace charm::detail
