// `charm-reactive`: the command a shell handler runs to reach the hook process. It is the
// hook binary itself, chosen by argv[0] (a link named charm-reactive) or by a first argument
// `charm-reactive`; run_hook dispatches to it.
#pragma once
#include <string>
#include <vector>

namespace charm::detail {

// The socket of the hook process, exported to shell handlers.
inline constexpr const char* k_runtime_socket_env = "CHARM_RUNTIME_SOCKET";

// Sends args to the hook process named by $CHARM_RUNTIME_SOCKET, prints its answer and returns
// the exit code (2 when the hook process cannot be reached).
int run_reactive_client(const std::vector<std::string>& args);

}  // namespace charm::detail
