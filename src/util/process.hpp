// Runs a program from an argv (never through a shell) and captures its output.
#pragma once
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace util {

struct ProcessResult {
  int exit_code = -1;     // -1 when the program could not be started
  std::string output;     // stdout and stderr interleaved, as the program wrote them
  bool timed_out = false; // killed (with its process group) when the timeout ran out
};

struct ProcessOptions {
  // Kill the program and everything it started after this long; none by default.
  std::optional<std::chrono::milliseconds> timeout;
  // Environment changes: (name, value) sets, (name, nullopt) removes.
  std::vector<std::pair<std::string, std::optional<std::string>>> env;
};

// argv[0] is looked up on PATH. Standard input is /dev/null.
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd);
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const ProcessOptions& options);

// Absolute path of an executable on PATH, if any.
std::optional<std::filesystem::path> find_on_path(const std::string& program);

}  // namespace util
