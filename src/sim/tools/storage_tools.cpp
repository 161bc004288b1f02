// storage-list and storage-get (hook-tools.md §5; juju/juju
// worker/uniter/runner/jujuc/storage-*.go), from Unit::storage_ids and the charm's storage.
#include <algorithm>

#include "sim/tools/tool_list.hpp"

namespace sim::tools {

namespace {

std::string storage_name(const std::string& id) { return id.substr(0, id.find('/')); }

// names.IsValidStorage: "<name>/<number>", the name spelled like an application name.
bool valid_storage_id(const std::string& id) {
  const size_t slash = id.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == id.size()) return false;
  const std::string name = id.substr(0, slash), number = id.substr(slash + 1);
  if (name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  if (name.back() == '-' || name.find("--") != std::string::npos) return false;
  return std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         (number == "0" || number[0] != '0');
}

// cmd.ZeroOrOneArgs.
std::string zero_or_one(const std::vector<std::string>& args) {
  if (args.empty()) return "";
  check_empty({args.begin() + 1, args.end()});
  return args[0];
}

}  // namespace

void storage_list(ToolCall& call) {
  Command cmd{"storage-list", "[<storage-name>]", "list storage attached to the unit",
              "storage-list will list the names of all storage instances\n"
              "attached to the unit. These names can be passed to storage-get\n"
              "via the \"-s\" flag to query the storage attributes.\n\n"
              "A storage name may be specified, in which case only storage\n"
              "instances for that named storage will be returned.\n",
              {}};
  call.add_output_flags(cmd);
  const std::string wanted = zero_or_one(call.parse(cmd));
  std::vector<std::string> ids;
  for (const auto& id : call.session.unit().storage_ids)
    if (wanted.empty() || storage_name(id) == wanted) ids.push_back(id);
  call.write(GoValue::strings(std::move(ids)));
}

void storage_get(ToolCall& call) {
  const Unit& unit = call.session.unit();
  std::string id = call.session.context().storage_id;
  Command cmd{"storage-get", "[<key>]", "print information for storage instance with specified id",
              "When no <key> is supplied, all keys values are printed.\n", {}};
  call.add_output_flags(cmd);
  Flag s;
  s.names = {"s"};
  s.help = "specify a storage instance by id";
  s.default_text = id;
  s.set = [&](const std::string& value) -> std::string {
    if (!valid_storage_id(value)) return "invalid storage ID " + go_quote(value);
    if (std::find(unit.storage_ids.begin(), unit.storage_ids.end(), value) == unit.storage_ids.end())
      return "storage " + go_quote(value) + " not found";
    id = value;
    return "";
  };
  cmd.flags.push_back(std::move(s));
  auto args = call.parse(cmd);
  if (id.empty()) throw UsageError("no storage instance specified");
  const std::string key = zero_or_one(args);

  const std::string name = storage_name(id);
  std::string kind = "filesystem", location;
  for (const auto& spec : call.session.application().charm.storage)
    if (spec.name == name) {
      kind = spec.type == "block" ? "block" : "filesystem";
      location = spec.location;
    }
  // No real volume behind it: the charm's location, or /srv/<name>; one directory per
  // instance when the unit has several of that storage.
  if (location.empty()) location = "/srv/" + name;
  const long instances = std::count_if(unit.storage_ids.begin(), unit.storage_ids.end(),
                                       [&](const std::string& other) { return storage_name(other) == name; });
  if (instances > 1) location += "/" + id.substr(id.find('/') + 1);

  if (key.empty())
    return call.write(GoValue::map({{"kind", GoValue::string(kind)}, {"location", GoValue::string(location)}}));
  if (key == "kind") return call.write(GoValue::string(kind));
  if (key == "location") return call.write(GoValue::string(location));
  throw RunError("invalid storage attribute " + go_quote(key));
}

}  // namespace sim::tools
