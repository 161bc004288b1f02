// resource-get (hook-tools.md §5; juju/juju worker/uniter/runner/jujuc/resource-get.go):
// prints the resource's local path with no newline.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sim/tools/tool_list.hpp"

namespace sim::tools {

void resource_get(ToolCall& call) {
  Command cmd{"resource-get", "<resource name>", "get the path to the locally cached resource file",
              "\"resource-get\" is used while a hook is running to get the local path\n"
              "to the file for the identified resource. This file is an fs-local copy,\n"
              "unique to the unit for which the hook is running. It is downloaded from\n"
              "the controller, if necessary.\n",
              {}};
  auto args = call.parse(cmd);
  if (args.empty()) throw UsageError("missing required resource name");
  check_empty({args.begin() + 1, args.end()});
  const std::string& name = args[0];

  const Application& app = call.session.application();
  auto it = app.resources.find(name);
  if (it == app.resources.end() || it->second.empty()) {
    const bool declared = std::find(app.charm.resources.begin(), app.charm.resources.end(), name) != app.charm.resources.end();
    throw RunError("could not download resource: resource " + go_quote(name) +
                   (declared ? " has no file (attach one to the application)" : " not found"));
  }
  struct stat st {};
  if (::stat(it->second.c_str(), &st) != 0)
    throw RunError("could not download resource: open " + it->second + ": " + std::strerror(errno));
  // fmt.Fprint: no trailing newline
  call.response.out = call.session.place_resource ? call.session.place_resource(name, it->second) : it->second;
}

}  // namespace sim::tools
