// unit-get and network-get (hook-tools.md §5; juju/juju worker/uniter/runner/jujuc/unit-get.go,
// network-get.go). A simulated unit has one address, Unit::address; it serves every binding.
#include "sim/tools/tool_list.hpp"

namespace sim::tools {

namespace {

struct Addressing {
  std::string address, cidr, interface_name;
};

Addressing addressing_of(const Unit& unit) {
  const bool v6 = unit.address.find(':') != std::string::npos;
  const bool loopback = unit.address.rfind("127.", 0) == 0 || unit.address == "::1";
  // The machine's subnet is not modelled: the address's own /32 (or /128) stands for it.
  return {unit.address, unit.address + (v6 ? "/128" : "/32"), loopback ? "lo" : "eth0"};
}

// params.NetworkInfoResult. Its struct tags differ between JSON and YAML ("mac-address" vs
// "macaddress", "value" vs "address"), kept by Juju for compatibility; fields keep struct order.
GoValue network_info(const Addressing& a, bool yaml_names) {
  GoValue address = GoValue::record({{"hostname", GoValue::string("")},
                                     {yaml_names ? "address" : "value", GoValue::string(a.address)},
                                     {"cidr", GoValue::string(a.cidr)}});
  GoValue info = GoValue::record({{yaml_names ? "macaddress" : "mac-address", GoValue::string("")},
                                  {yaml_names ? "interfacename" : "interface-name", GoValue::string(a.interface_name)},
                                  {"addresses", GoValue::list({address})}});
  return GoValue::record({{"bind-addresses", GoValue::list({info})},
                          {"egress-subnets", GoValue::strings({a.cidr})},
                          {"ingress-addresses", GoValue::strings({a.address})}});
}

}  // namespace

void unit_get(ToolCall& call) {
  Command cmd{"unit-get", "<setting>", "print public-address or private-address", "", {}};
  call.add_output_flags(cmd);
  auto args = call.parse(cmd);
  if (args.empty()) throw UsageError("no setting specified");
  if (args[0] != "private-address" && args[0] != "public-address") throw UsageError("unknown setting " + go_quote(args[0]));
  check_empty({args.begin() + 1, args.end()});
  const std::string& address = call.session.unit().address;
  if (address.empty()) throw RunError(args[0] == "private-address" ? "private address not found" : "public address not found");
  call.write(GoValue::string(address));
}

void network_get(ToolCall& call) {
  int relation_id = -1;
  bool primary = false, bind = false, ingress = false, egress = false;
  Command cmd{"network-get", "<binding-name> [--ingress-address] [--bind-address] [--egress-subnets]",
              "get network config",
              "network-get returns the network config for a given binding name. By default\n"
              "it returns the list of interfaces and associated addresses in the space for\n"
              "the binding, as well as the ingress address for the binding. If defined, any\n"
              "egress subnets are also returned.\n"
              "If one of the following flags are specified, just that value is returned.\n"
              "If more than one flag is specified, a map of values is returned.\n",
              {}};
  call.add_output_flags(cmd);
  cmd.flags.push_back(bool_flag({"primary-address"}, primary, "(deprecated) get the primary address for the binding"));
  cmd.flags.push_back(bool_flag({"bind-address"}, bind, "get the address for the binding on which the unit should listen"));
  cmd.flags.push_back(bool_flag({"ingress-address"}, ingress, "get the ingress address for the binding"));
  cmd.flags.push_back(bool_flag({"egress-subnets"}, egress, "get the egress subnets for the binding"));
  call.add_relation_flag(cmd, relation_id);
  auto args = call.parse(cmd);
  if (args.empty()) throw UsageError("no arguments specified");
  const std::string binding = args[0];
  if (binding.empty()) throw UsageError("no binding name specified");
  check_empty({args.begin() + 1, args.end()});

  const Unit& unit = call.session.unit();
  if (!call.session.application().charm.endpoint(binding) || unit.address.empty())
    throw RunError("no network config found for binding " + go_quote(binding));
  const Addressing a = addressing_of(unit);
  if (!primary && !bind && !ingress && !egress) return call.write(network_info(a, call.format() != "json"));
  if (primary) {
    if (bind || ingress || egress) throw RunError("--primary-address must be the only flag specified");
    return call.write(GoValue::string(a.address));
  }
  // One flag prints its bare value; several print a map keyed by flag name.
  std::vector<GoValue::Field> values;
  if (bind) values.emplace_back("bind-address", GoValue::string(a.address));
  if (ingress) values.emplace_back("ingress-address", GoValue::string(a.address));
  if (egress) values.emplace_back("egress-subnets", GoValue::strings({a.cidr}));
  call.write(values.size() == 1 ? values[0].second : GoValue::map(std::move(values)));
}

}  // namespace sim::tools
