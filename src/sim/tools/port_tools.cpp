// open-port, close-port, opened-ports (hook-tools.md §5). Juju 3.x parses the argument with
// core/network.ParsePortRange and checks it against the unit's pending and the machine's open
// ranges (worker/uniter/runner/context/ports.go); changes wait for the hook to succeed.
// The older spec messages ("port must be in the range [1, 65535]", "expected <port>[/<protocol>]
// ...") are Juju 2.8's; 2.9 and 3.x answer as below.
#include <algorithm>
#include <cctype>
#include <tuple>

#include "sim/tools/tool_list.hpp"

namespace sim::tools {

namespace {

struct PortRange {
  int from = 0, to = 0;
  std::string protocol;
  std::string str() const {
    if (protocol == "icmp") return "icmp";
    if (from == to) return std::to_string(from) + "/" + protocol;
    return std::to_string(from) + "-" + std::to_string(to) + "/" + protocol;
  }
  bool operator==(const PortRange&) const = default;
  bool conflicts_with(const PortRange& o) const { return protocol == o.protocol && to >= o.from && o.to >= from; }
};

int atoi_or_throw(const std::string& text, const std::string& quoted_context) {
  long long value = 0;
  if (parse_go_int(text, value) && value >= -2147483648LL && value <= 2147483647LL) return static_cast<int>(value);
  const bool digits = !text.empty() && text.find_first_not_of("+-0123456789") == std::string::npos &&
                      text.find_first_of("0123456789") != std::string::npos;
  throw UsageError("invalid port " + go_quote(quoted_context) + ": strconv.Atoi: parsing " + go_quote(text) + ": " +
                   (digits ? "value out of range" : "invalid syntax"));
}

// network.ParsePortRange(strings.ToLower(arg)) with PortRange.Validate.
PortRange parse_port_range(std::string arg) {
  std::transform(arg.begin(), arg.end(), arg.begin(), [](unsigned char c) { return std::tolower(c); });
  PortRange range;
  range.protocol = "tcp";
  std::string ports = arg;
  if (const size_t slash = arg.find('/'); slash != std::string::npos) {
    ports = arg.substr(0, slash);
    range.protocol = arg.substr(slash + 1);
  }
  const size_t dash = ports.find('-');
  if (dash != std::string::npos && ports.find('-', dash + 1) != std::string::npos)
    throw UsageError("invalid port range " + go_quote(ports));
  if (dash == std::string::npos) {
    range.from = range.to = ports == "icmp" ? -1 : atoi_or_throw(ports, ports);
  } else {
    range.from = atoi_or_throw(ports.substr(0, dash), ports.substr(0, dash));
    range.to = atoi_or_throw(ports.substr(dash + 1), ports.substr(dash + 1));
  }
  if (range.from == -1) range.protocol = "icmp";

  const std::string& proto = range.protocol;
  if (proto != "tcp" && proto != "udp" && proto != "icmp")
    throw UsageError("invalid protocol " + go_quote(proto) + ", expected \"tcp\", \"udp\", or \"icmp\"");
  if (proto == "icmp") {
    if (range.from == -1 && range.to == -1) return range;
    throw UsageError("protocol \"icmp\" doesn't support any ports; got \"" + std::to_string(range.from) + "\"");
  }
  if (range.from > range.to) throw UsageError("invalid port range " + range.str());
  if (range.from < 0 || range.from > 65535 || range.to < 0 || range.to > 65535)
    throw UsageError("port range bounds must be between 0 and 65535, got " + std::to_string(range.from) + "-" +
                     std::to_string(range.to));
  return range;
}

PortRange from_stored(const std::string& text) {
  try {
    return parse_port_range(text);
  } catch (const UsageError&) {
    return {0, 0, text};  // not ours to judge: keep it comparable
  }
}

// The unit's pending requests, replayed as Juju's recorder keeps them.
void pending_ranges(const HookSession& session, std::vector<PortRange>& opens, std::vector<PortRange>& closes) {
  for (const auto& [open, text] : session.port_changes) {
    const PortRange r = from_stored(text);
    auto& add = open ? opens : closes;
    auto& cancel = open ? closes : opens;
    cancel.erase(std::remove(cancel.begin(), cancel.end(), r), cancel.end());
    if (std::find(add.begin(), add.end(), r) == add.end()) add.push_back(r);
  }
}

void port_command(ToolCall& call, bool open) {
  const std::string name = open ? "open-port" : "close-port";
  std::string format_flag, endpoints;
  Command cmd{name, "<port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp",
              open ? "register a request to open a port or port range" : "register a request to close a port or port range",
              "", {}};
  cmd.flags.push_back(string_flag({"format"}, format_flag, "deprecated format flag"));
  // Accepted; the simulator keeps ports for all endpoints, as "(*)" in opened-ports shows.
  cmd.flags.push_back(string_flag({"endpoints"}, endpoints,
                                  "a comma-delimited list of application endpoints to target with this operation"));
  auto args = call.parse(cmd);
  if (args.empty()) throw UsageError("no port or range specified");
  const PortRange range = parse_port_range(args[0]);
  check_empty({args.begin() + 1, args.end()});

  if (!format_flag.empty()) call.note("--format flag deprecated for command " + go_quote(name));
  const Unit& self = call.session.unit();
  const std::string fail = std::string(open ? "cannot open " : "cannot close ") + range.str() + " (unit " +
                           go_quote(self.name) + "): port range conflicts with ";
  std::vector<PortRange> opens, closes;
  pending_ranges(call.session, opens, closes);
  for (const auto& p : open ? opens : closes) {
    if (!range.conflicts_with(p)) continue;
    if (range == p) return;  // already requested
    throw RunError(fail + p.str() + " (unit " + go_quote(self.name) + ") requested earlier");
  }
  bool machine_has_ports = false;
  for (const auto& [unit_name, unit] : call.session.model().units) {
    if (unit.machine != self.machine) continue;
    for (const auto& text : unit.ports) {
      machine_has_ports = true;
      const PortRange p = from_stored(text);
      if (!range.conflicts_with(p)) continue;
      if (unit_name == self.name && range == p) {
        if (open) return;  // already open
        continue;
      }
      throw RunError(fail + p.str() + " (unit " + go_quote(unit_name) + ")");
    }
  }
  if (!open && !machine_has_ports && opens.empty()) return;  // nothing open: a no-op
  call.session.port_changes.emplace_back(open, range.str());
}

}  // namespace

void open_port(ToolCall& call) { port_command(call, true); }
void close_port(ToolCall& call) { port_command(call, false); }

void opened_ports(ToolCall& call) {
  bool show_endpoints = false;
  Command cmd{"opened-ports", "", "list all ports or port ranges opened by the unit",
              "opened-ports lists all ports or port ranges opened by a unit.\n", {}};
  call.add_output_flags(cmd);
  cmd.flags.push_back(bool_flag({"endpoints"}, show_endpoints,
                                "display the list of target application endpoints for each port range"));
  check_empty(call.parse(cmd));
  if (call.session.context().restricted) return call.write(GoValue::strings({}));

  // Juju 3.x merges the hook's pending opens and closes into what it lists
  // (portRangeChangeRecorder.OpenedUnitPortRanges).
  std::vector<PortRange> ranges;
  for (const auto& text : call.session.unit().ports) ranges.push_back(from_stored(text));
  for (const auto& [open, text] : call.session.port_changes) {
    const PortRange r = from_stored(text);
    auto it = std::find(ranges.begin(), ranges.end(), r);
    if (open && it == ranges.end()) ranges.push_back(r);
    if (!open && it != ranges.end()) ranges.erase(it);
  }
  std::sort(ranges.begin(), ranges.end(), [](const PortRange& a, const PortRange& b) {
    return std::tie(a.protocol, a.from, a.to) < std::tie(b.protocol, b.from, b.to);
  });
  std::vector<std::string> out;
  for (const auto& r : ranges) out.push_back(r.str() + (show_endpoints ? " (*)" : ""));
  call.write(GoValue::strings(std::move(out)));
}

}  // namespace sim::tools
