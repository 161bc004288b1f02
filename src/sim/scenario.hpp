// `charm-sim test SCENARIO.yaml`: a list of steps (deploy, relate, config, run, tick, ...)
// with expectations (statuses, relation data, flags, kv, files, hooks, logs, action results)
// checked after each step; a failed expectation prints `FILE:LINE: step N (VERB): what
// differs`. The format is documented in docs/charm-sim.md ("Scenarios").
#pragma once
#include <string>

#include "sim/sim_run.hpp"

namespace sim {

// Runs the scenario in a fresh temporary model (options.model_dir is not used) and removes
// it afterwards unless keep_model. Returns 0 when every step passed, 1 when one failed or was
// refused, 2 when the file is malformed (nothing ran), 128+N after signal N (cleaned up).
int run_scenario_file(const GlobalOptions& options, const std::string& scenario_path, bool keep_model);

}  // namespace sim
