// Comparing what a scenario expects with what the model holds, worded for a person:
// `host: expected "127.0.1.3", got "127.0.1.2"`.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario_types.hpp"
#include "yaml/value.hpp"

namespace sim::scenario {

// One expectation that did not hold, at the line that states it.
struct Failure {
  int line = 0;
  std::string text;
};

// Partial match: every key of an expected mapping must match (null = must be unset), other
// keys of the actual object are ignored; lists match item by item and must be as long;
// scalars compare as JSON, or as text when either side is a text (7000 matches "7000").
// Each difference is "PATH: expected X, got Y" (prefix + key path) at the expected node's line.
std::vector<Failure> match_partial(const yaml::Value& expected, const nlohmann::json& actual, const std::string& prefix);

// "" when every test holds, else what failed (`expected to contain "x", got "abc"`).
std::string match_text(const TextMatch& match, const std::string& actual);

// A value for a message: JSON, long texts shortened.
std::string show(const nlohmann::json& value);
std::string show_text(const std::string& text);
std::string show_expected(const yaml::Value& value);

}  // namespace sim::scenario
