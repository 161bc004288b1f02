// Runs a parsed scenario's steps on an open model: one progress line per step, and for a
// step that fails, every failed expectation at its line and the log of any unit in error.
#pragma once
#include <atomic>
#include <cstdio>

#include "sim/scenario_types.hpp"
#include "sim/sim_run.hpp"

namespace sim::scenario {

struct RunnerOptions {
  std::FILE* out = stdout;
  bool colour = false;
  const std::atomic<int>* interrupted = nullptr;  // a signal number once interrupted
};

enum class Verdict { passed, failed, interrupted };

// Stops at the first step that fails.
Verdict run_steps(const Scenario& scenario, SimRun& run, const RunnerOptions& options);

}  // namespace sim::scenario
