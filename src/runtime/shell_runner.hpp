// Runs one shell handler as a child process and serves its `charm-reactive` requests while it
// runs. The child gets the hook's environment plus CHARM_RUNTIME_SOCKET (a Unix socket in a
// private 0700 directory) and PATH starting with that directory, which holds `charm-reactive`,
// a link to this binary. Requests are answered in this process, inside the hook's kv
// transaction: nothing is committed early, and the shell's changes roll back with the hook.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "runtime/reactive_requests.hpp"

namespace charm::detail {

using RequestServer = std::function<ClientReply(const std::vector<std::string>&)>;

struct ShellRun {
  std::filesystem::path script;  // absolute
  std::filesystem::path cwd;     // the charm dir
  std::map<std::string, std::string> env_overrides;  // on top of this process's environment
  std::filesystem::path client_binary;  // what `charm-reactive` links to; default /proc/self/exe
};

// Returns when the script has exited 0. Throws std::runtime_error when it cannot be started,
// exits non-zero or is killed, or when serving one of its requests threw (the first such error).
void run_shell_handler(const ShellRun& run, const RequestServer& serve);

}  // namespace charm::detail
