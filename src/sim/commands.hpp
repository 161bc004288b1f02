// The charm-sim verbs, one function each, called by sim_main.cpp after parsing. They return
// the process exit code (see exit codes in sim_main.cpp) and throw UserError for bad input.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/sim_run.hpp"

namespace sim::cmd {

enum Exit : int { ok = 0, failed = 1, usage = 2, hook_error = 3, action_failed = 4 };

struct DeployArgs {
  std::string charm_dir, app;
  int units = 1;
  std::vector<std::string> config;     // k=v or a YAML file {app: {k: v}}
  std::vector<std::string> resources;  // name=path
};
int deploy(const GlobalOptions& g, const DeployArgs& a);
int add_unit(const GlobalOptions& g, const std::string& app, int count);
int remove_unit(const GlobalOptions& g, const std::vector<std::string>& units);
int remove_application(const GlobalOptions& g, const std::string& app);
int relate(const GlobalOptions& g, const std::string& a, const std::string& b);
int remove_relation(const GlobalOptions& g, const std::string& a, const std::string& b);
int config(const GlobalOptions& g, const std::string& app, const std::vector<std::string>& settings,
           const std::vector<std::string>& reset, const std::string& format);
int run_action(const GlobalOptions& g, const std::string& unit, const std::string& action,
               const std::vector<std::string>& params, const std::string& format);
int status(const GlobalOptions& g, const std::string& format);
int show_unit(const GlobalOptions& g, const std::string& unit, const std::string& format);
int debug_log(const GlobalOptions& g, const std::vector<std::string>& include, int lines);
int tick(const GlobalOptions& g, int count);
int upgrade(const GlobalOptions& g, const std::string& app, const std::string& path,
            const std::vector<std::string>& resources);
int resolve(const GlobalOptions& g, const std::string& unit, bool retry);
int ssh(const GlobalOptions& g, const std::string& unit, const std::vector<std::string>& command);
int destroy(const GlobalOptions& g);

// k=v list -> map; throws UserError naming an item without '='.
std::map<std::string, std::string> key_values(const std::vector<std::string>& items, const std::string& what);
// Prints JSON as yaml (readable) or json (scripts) on stdout.
void print_document(const nlohmann::json& doc, const std::string& format);

}  // namespace sim::cmd
