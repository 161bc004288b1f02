// Starts a process with an exact environment, a working dir, stdin from /dev/null and its
// stdout and stderr on two pipes, in a process group of its own (so a timeout kills all of it).
#pragma once
#include <string>

#include "sim/machine.hpp"

namespace sim {

// Throws std::runtime_error naming the program when it cannot be started.
SpawnedProcess spawn_process(const ProcessSpec& spec);
// SIGKILL to the process group.
void kill_process_group(pid_t pid);

}  // namespace sim
