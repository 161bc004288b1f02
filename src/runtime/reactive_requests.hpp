// The commands of `charm-reactive`, performed in the hook process on behalf of a shell
// handler, inside the hook's kv transaction (so they roll back with the hook).
#pragma once
#include <string>
#include <vector>

#include "runtime/runtime_context.hpp"

namespace charm::detail {

struct ClientReply {
  int exit_code = 0;  // 0 ok / true, 1 false, 2 usage error
  std::string out, err;
};

// args: the command and its arguments, e.g. {"set_flag", "app.ready"}. Usage errors come back
// as exit code 2; failures of the runtime itself (kv, triggers) throw.
ClientReply handle_reactive_request(RuntimeContext& ctx, const std::vector<std::string>& args);

extern const char* const k_reactive_usage;

}  // namespace charm::detail
