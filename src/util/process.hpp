// Runs a program from an argv (never through a shell) and captures its output.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace util {

struct ProcessResult {
  int exit_code = -1;     // -1 when the program could not be started
  std::string output;     // stdout and stderr interleaved, as the program wrote them
};

// argv[0] is looked up on PATH. Standard input is /dev/null.
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd);

// Absolute path of an executable on PATH, if any.
std::optional<std::filesystem::path> find_on_path(const std::string& program);

}  // namespace util
