// The unfinished-relation-hook marker (endpoint_marker.hpp). Failing to write it only costs a
// missed resync, so errors are ignored.
#include "runtime/endpoint_marker.hpp"

#include <filesystem>
#include <fstream>

namespace charm::detail {
namespace {

std::filesystem::path marker(const HookEnv& env) { return env.charm_dir / ".libcharm-relation-hook-running"; }

}  // namespace

bool relation_hook_unfinished(const HookEnv& env) {
  std::error_code ec;
  return std::filesystem::exists(marker(env), ec);
}

void mark_relation_hook_running(const HookEnv& env) { std::ofstream(marker(env)) << env.hook_name << "\n"; }

void mark_relation_hook_finished(const HookEnv& env) {
  std::error_code ec;
  std::filesystem::remove(marker(env), ec);
}

}  // namespace charm::detail
