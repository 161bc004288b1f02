// How the host helpers run system commands (apt-get, systemctl, useradd, ...): argv only,
// output captured, a failure turned into a CommandError that says what ran and why it failed.
#pragma once
#include <string>
#include <vector>

#include "charm/host.hpp"
#include "runtime/subprocess.hpp"

namespace charm::detail {

// The command as one readable line; arguments a shell would split or expand are quoted.
std::string command_line(const std::vector<std::string>& argv);

// Runs argv (argv[0] on PATH) and throws CommandError unless it exits 0.
ProcessResult run_checked(const std::vector<std::string>& argv);

// Throws std::invalid_argument unless `value` can be a command-line operand: not empty and not
// starting with '-' (which the command would read as an option). `what` names it in the message.
void require_operand(const std::string& value, const char* what);

}  // namespace charm::detail
