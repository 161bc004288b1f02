// Checking a step's expectations against the model, the units' charm dirs, kv stores and
// logs. Pure reads: it never changes the model.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/model.hpp"
#include "sim/scenario_match.hpp"
#include "sim/scenario_types.hpp"

namespace sim::scenario {

// What the expectations look at.
struct Observed {
  const Model& model;
  // A unit's charm dir as this host sees it (Machine::host_charm_dir).
  std::function<std::filesystem::path(const std::string& unit)> charm_dir;
  // The unit's log lines (UnitLog::read).
  std::function<std::vector<std::string>(const std::string& unit)> log;
  size_t history_from = 0;               // `hooks` counts Model::history from here
  const ActionRecord* action = nullptr;  // the action a `run` step queued
};

// Every expectation that does not hold, in line order; texts like
// `hello/0 status: expected active "Ready", got blocked "waiting for db"`.
std::vector<Failure> check_expectations(const Expectations& expect, const Observed& observed);

// "install, config-changed (exit 1), start": the hooks a unit ran from `from` on.
std::vector<std::string> hooks_since(const Model& model, const std::string& unit, size_t from, bool with_exit_codes);

}  // namespace sim::scenario
