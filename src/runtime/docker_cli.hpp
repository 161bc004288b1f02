// What the Docker and Compose wrappers share: running one CLI command and turning a failure
// into a DockerError, and refusing operands the CLI would read as options.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "runtime/subprocess.hpp"

namespace charm::docker::detail {

// Runs argv (argv only, no shell); throws DockerError when it exits non-zero or cannot start.
ProcessResult run_checked(const std::vector<std::string>& argv, std::string_view stdin_text = {});

// A container, image, service or registry name given as an operand: an empty one, or one
// starting with '-' (which the CLI would take as an option), throws std::invalid_argument.
void require_operand(std::string_view what, const std::string& value);

// Without trailing whitespace (command output ends with a newline).
std::string trim_end(std::string text);

// Non-empty lines of text.
std::vector<std::string> lines(const std::string& text);

}  // namespace charm::docker::detail
