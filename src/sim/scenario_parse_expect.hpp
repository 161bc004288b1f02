// Reading a step's `expect:` mapping (docs/charm-sim.md lists the kinds). Throws
// yaml::ParseError at the first malformed line.
#pragma once
#include "sim/scenario_types.hpp"
#include "yaml/value.hpp"

namespace sim::scenario {

// run_step: `action` is allowed (it checks the action of this step).
Expectations parse_expectations(const yaml::Value& expect, bool run_step);

}  // namespace sim::scenario
