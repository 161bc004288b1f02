// Runs a program with argv only (posix_spawnp, never a shell), feeding stdin and capturing
// stdout and stderr separately.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace charm {

struct ProcessResult {
  bool started = false;  // false: the program could not be run; `err` says why, exit_code is 127
  int exit_code = 0;     // 128 + N when killed by signal N, as shells report it
  std::string out;
  std::string err;
};

// argv[0] is searched on PATH. An empty stdin_text gives the child /dev/null.
ProcessResult run_process(const std::vector<std::string>& argv, std::string_view stdin_text = {});

// Runs several programs at once (stdin /dev/null each); results in the order of argvs.
std::vector<ProcessResult> run_processes(const std::vector<std::vector<std::string>>& argvs);
// How many processes run_process() started in this process so far (hook tools included).
size_t processes_spawned();

}  // namespace charm
