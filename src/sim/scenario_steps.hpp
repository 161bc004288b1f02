// Carrying out a scenario step's command on the agent, and naming it in progress lines.
#pragma once
#include <string>

#include "sim/agent.hpp"
#include "sim/scenario_types.hpp"

namespace sim::scenario {

// "relate hello:db pg:db", "deploy hello (3 units)": the command as a person would type it.
std::string describe(const Command& command);

// Queues the command's hooks (settling is the caller's); throws UserError when the agent
// refuses it. Returns the action id of a `run` step, else "".
std::string perform(const Command& command, Agent& agent, const Model& model);

}  // namespace sim::scenario
