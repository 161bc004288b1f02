// `charm-sim status`: the model as `juju status` shows it (tabular, json, yaml).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "sim/model.hpp"

namespace sim {

// The status document, shaped like `juju status --format json`.
nlohmann::json status_document(const Model& model);
// The tabular view; colour = ANSI colours for statuses (a terminal).
std::string status_table(const Model& model, bool colour);
// The status a unit shows: error with `hook failed: "NAME"` while its agent is in error.
Status displayed_workload(const Unit& unit);

}  // namespace sim
