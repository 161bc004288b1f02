// `charm-sim test`: parse, run the steps in a fresh model, clean up whatever happened.
#include "sim/scenario.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "sim/scenario_interrupt.hpp"
#include "sim/scenario_parse.hpp"
#include "sim/scenario_runner.hpp"

namespace sim {
namespace fs = std::filesystem;

namespace {

// A new empty directory for the scenario's model: scenarios never touch the user's model.
fs::path make_model_dir() {
  std::string pattern = (fs::temp_directory_path() / "charm-sim-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw UserError("cannot create a model directory in " + fs::temp_directory_path().string());
  return pattern;
}

// Removes every application (their stop and remove hooks run, so services the charms
// started on this host stop), then every machine left, whatever state it is in. Goes on
// past errors: a machine left behind is worse than a warning.
void tear_down(SimRun& run, scenario::InterruptGuard& guard) {
  auto warn = [](const std::exception& e) { std::fprintf(stderr, "WARNING cleanup: %s\n", e.what()); };
  if (!guard.interrupted()) {
    std::vector<std::string> apps;
    for (const auto& [name, _] : run.model().applications) apps.push_back(name);
    for (const auto& app : apps) {
      try {
        run.agent().remove_application(app);
      } catch (const std::exception& e) {
        warn(e);
      }
    }
    try {
      run.settle();
    } catch (const std::exception& e) {
      warn(e);
    }
  }
  guard.stop_killing();
  for (const auto& [name, _] : std::map<std::string, Unit>(run.model().units)) {
    try {
      run.machine().destroy(name);
    } catch (const std::exception& e) {
      warn(e);
    }
  }
}

}  // namespace

int run_scenario_file(const GlobalOptions& options, const std::string& scenario_path, bool keep_model) {
  scenario::Scenario parsed;
  try {
    parsed = scenario::load_scenario_file(scenario_path);
  } catch (const scenario::SyntaxError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  GlobalOptions g = options;
  g.model_dir = make_model_dir();
  g.quiet = true;  // the runner prints one line per step instead of one per hook
  if (g.machine_kind.empty()) g.machine_kind = parsed.machine_kind;  // --machine wins over the file
  if (parsed.hook_timeout_seconds > 0) g.hook_timeout_seconds = parsed.hook_timeout_seconds;

  scenario::InterruptGuard guard;
  scenario::Verdict verdict = scenario::Verdict::failed;
  std::string model_uuid;
  try {
    SimRun run(g, true);
    model_uuid = run.model().uuid;
    try {
      scenario::RunnerOptions runner;
      runner.colour = options.colour && ::isatty(STDOUT_FILENO);
      runner.interrupted = &guard.flag();
      verdict = scenario::run_steps(parsed, run, runner);
    } catch (const std::exception& e) {
      std::fprintf(stdout, "\n");
      std::fprintf(stderr, "ERROR %s: %s\n", scenario_path.c_str(), e.what());
    }
    std::fflush(stdout);
    if (!keep_model) tear_down(run, guard);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ERROR %s: %s\n", scenario_path.c_str(), e.what());
  }
  if (keep_model) {
    std::fprintf(stderr, "model kept in %s (charm-sim -m %s status; charm-sim -m %s destroy)\n", g.model_dir.c_str(),
                 g.model_dir.c_str(), g.model_dir.c_str());
  } else {
    std::error_code ec;
    fs::remove_all(g.model_dir, ec);
    // The agent socket's directory (ModelStore::runtime_dir); empty once the server is gone.
    if (!model_uuid.empty()) fs::remove(fs::temp_directory_path() / ("charm-sim-" + model_uuid.substr(0, 8)), ec);
  }
  if (guard.interrupted()) return 128 + guard.signal_number();
  return verdict == scenario::Verdict::passed ? 0 : 1;
}

}  // namespace sim
