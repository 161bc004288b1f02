// A parsed scenario (docs/charm-sim.md, "Scenarios"): steps, each a charm-sim command and
// what to expect afterwards. Every expectation keeps the line it was written on, so that a
// failure points at it. Paths are already absolute and ${VAR}s expanded.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "yaml/value.hpp"

namespace sim::scenario {

// The commands, as the CLI verbs of the same names take them.
struct Deploy {
  std::string charm, app;
  int units = 1;
  std::map<std::string, std::string> config, resources;
};
struct AddUnit {
  std::string app;
  int units = 1;
};
struct RemoveUnit {
  std::vector<std::string> units;
};
struct RemoveApplication {
  std::string app;
};
struct Relate {
  std::string a, b;
};
struct RemoveRelation {
  std::string a, b;
};
struct Config {
  std::string app;
  std::map<std::string, std::string> set;
  std::vector<std::string> reset;
};
struct Run {
  std::string unit, action;
  std::map<std::string, std::string> params;  // text, read as YAML scalars as `juju run` does
};
struct Tick {
  int times = 1;
};
struct Upgrade {
  std::string app, charm;  // charm "" = rebuild at the deployed path
};
struct Resolve {
  std::string unit;
  bool retry = true;
};
struct NoCommand {};  // a step with only `expect`

using Command = std::variant<NoCommand, Deploy, AddUnit, RemoveUnit, RemoveApplication, Relate, RemoveRelation, Config,
                             Run, Tick, Upgrade, Resolve>;

// How a text (a status message, a file, a log, an error) is compared; every test must hold.
struct TextMatch {
  enum class Mode { equals, contains, matches, excludes };
  std::vector<std::pair<Mode, std::string>> tests;
};

struct StatusExpectation {
  int line = 0;
  std::string entity;  // a unit or an application
  bool absent = false;
  std::optional<std::string> workload, agent;
  std::optional<TextMatch> message;
  std::optional<bool> leader;
  std::optional<std::vector<std::string>> ports;
};
// What `unit` sees on its `endpoint` in the bag of `owner` (a unit, or an application for the
// application bag): keys of `data` must match, a null value means "not set".
struct RelationDataExpectation {
  int line = 0;
  std::string unit, endpoint, owner;
  yaml::Value data;
};
struct FlagExpectation {
  int line = 0;
  std::string unit;
  std::vector<std::pair<std::string, int>> set, unset;  // flag, line
};
struct KvExpectation {
  int line = 0;
  std::string unit;
  yaml::Value data;  // key -> expected JSON value (null = unset)
};
struct FileExpectation {
  int line = 0;
  std::string unit, path;  // path relative to the unit's charm dir
  bool exists = true;
  std::optional<TextMatch> content;
};
struct HookExpectation {
  int line = 0;
  std::string unit;
  std::optional<std::vector<std::string>> exactly, contains, excludes;
};
struct LogExpectation {
  int line = 0;
  std::string unit;
  TextMatch text;
};
struct ErrorExpectation {
  int line = 0;
  std::string unit, hook;  // hook "" = any
};
struct ActionExpectation {
  int line = 0;
  std::optional<std::string> status;
  std::optional<TextMatch> message;
  yaml::Value results;  // null = not checked
};

struct Expectations {
  int line = 0;
  std::vector<StatusExpectation> status;
  std::vector<RelationDataExpectation> relation_data;
  std::vector<FlagExpectation> flags;
  std::vector<KvExpectation> kv;
  std::vector<FileExpectation> files;
  std::vector<HookExpectation> hooks;
  std::vector<LogExpectation> logs;
  std::vector<ErrorExpectation> errors;
  std::optional<ActionExpectation> action;
};

struct Step {
  int number = 0;  // 1-based
  int line = 0;
  std::string verb;  // "deploy", ..., "expect", "expect-failure"
  Command command;
  bool allow_error = false;
  std::optional<Expectations> expect;
  // expect-failure: the command must be refused, with a message that matches.
  bool must_fail = false;
  std::optional<TextMatch> failure_message;
  int failure_line = 0;
};

struct Scenario {
  std::string file;          // as given, for messages
  std::string machine_kind;  // "" = local
  int hook_timeout_seconds = 0;  // 0 = charm-sim's
  std::vector<Step> steps;
};

}  // namespace sim::scenario
