#include "sim/scenario_runner.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "sim/scenario_expect.hpp"
#include "sim/scenario_steps.hpp"

namespace sim::scenario {

namespace {

constexpr size_t k_log_tail_lines = 12;

class StepRunner {
 public:
  StepRunner(const Scenario& scenario, SimRun& run, const RunnerOptions& options)
      : m_scenario(scenario), m_run(run), m_options(options) {}

  Verdict run_all() {
    const auto started = std::chrono::steady_clock::now();
    for (const Step& step : m_scenario.steps) {
      const Verdict v = run_step(step);
      if (v == Verdict::passed) continue;
      const size_t left = m_scenario.steps.size() - static_cast<size_t>(step.number);
      if (left > 0) std::fprintf(m_options.out, "%zu later step%s not run\n", left, left == 1 ? "" : "s");
      return v;
    }
    std::fprintf(m_options.out, "%s: %zu steps %s (%.2fs)\n", m_scenario.file.c_str(), m_scenario.steps.size(),
                 paint("passed", "32").c_str(), seconds_since(started));
    return Verdict::passed;
  }

 private:
  std::string paint(const std::string& text, const char* code) const {
    return m_options.colour ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
  }
  static double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  bool interrupted() const { return m_options.interrupted && m_options.interrupted->load() != 0; }

  Verdict run_step(const Step& step) {
    Model& model = m_run.model();
    std::fprintf(m_options.out, "%s %s ... ", paint("[" + std::to_string(step.number) + "/" + std::to_string(m_scenario.steps.size()) + "]", "1").c_str(),
                 (step.must_fail ? "expect-failure: " + describe(step.command) : describe(step.command)).c_str());
    std::fflush(m_options.out);
    const auto started = std::chrono::steady_clock::now();
    const size_t history_before = model.history.size();
    std::vector<Failure> failures;

    std::string action_id, refusal;
    bool refused = false;
    try {
      action_id = perform(step.command, m_run.agent(), model);
    } catch (const UserError& e) {
      refused = true;
      refusal = e.what();
    }
    m_run.save();
    if (!refused) {
      m_run.settle();
      if (const auto* tick = std::get_if<Tick>(&step.command))
        for (int i = 1; i < tick->times && !interrupted(); ++i) {
          m_run.agent().tick();
          m_run.settle();
        }
    }
    if (interrupted()) {
      std::fprintf(m_options.out, "%s\n", paint("interrupted", "31").c_str());
      return Verdict::interrupted;
    }

    if (step.must_fail) {
      if (!refused) failures.push_back({step.line, "expected the command to be refused, but it was accepted"});
      else if (step.failure_message)
        if (std::string problem = match_text(*step.failure_message, refusal); !problem.empty())
          failures.push_back({step.failure_line, "refused as expected, but with another message: " + problem});
    } else if (refused) {
      failures.push_back({step.line, "refused: " + refusal});
    }
    if (step.expect && (!refused || step.must_fail)) {
      const ActionRecord* action = action_id.empty() ? nullptr : model.action(action_id);
      Observed observed{model, [&](const std::string& unit) { return m_run.machine().host_charm_dir(unit); },
                        [&](const std::string& unit) { return m_run.log().read({unit}); }, m_history_cursor, action};
      for (auto& f : check_expectations(*step.expect, observed)) failures.push_back(std::move(f));
    }
    const std::vector<std::string> broken = check_new_errors(step, history_before, failures);
    check_action(step, action_id, failures);

    const double took = seconds_since(started);
    if (failures.empty()) {
      std::fprintf(m_options.out, "%s (%.2fs)\n", paint("ok", "32").c_str(), took);
      if (step.expect) m_history_cursor = model.history.size();
      return Verdict::passed;
    }
    std::fprintf(m_options.out, "%s (%.2fs)\n", paint("FAILED", "31").c_str(), took);
    for (const auto& f : failures)
      std::fprintf(m_options.out, "%s:%d: step %d (%s): %s\n", m_scenario.file.c_str(), f.line > 0 ? f.line : step.line, step.number,
                   step.verb.c_str(), f.text.c_str());
    print_logs(broken);
    return Verdict::failed;
  }

  // Units a hook of this step left in error: a failure unless the step allows it or expects
  // that unit in error. Returns those units (their logs help).
  std::vector<std::string> check_new_errors(const Step& step, size_t history_before, std::vector<Failure>& failures) {
    const Model& model = m_run.model();
    std::set<std::string> named;
    if (step.expect)
      for (const auto& e : step.expect->errors) named.insert(e.unit);
    std::vector<std::string> broken;
    for (size_t i = history_before; i < model.history.size(); ++i) {
      const HookRun& hook = model.history[i];
      const Unit* unit = model.unit(hook.unit);
      if (hook.exit_code == 0 || hook.hook.rfind("action:", 0) == 0 || !unit || unit->agent_status != "error") continue;
      if (std::find(broken.begin(), broken.end(), hook.unit) != broken.end()) continue;
      broken.push_back(hook.unit);
      if (step.allow_error || named.count(hook.unit)) continue;
      failures.push_back({step.line, hook.unit + " is in error: hook \"" + unit->error_hook + "\" failed (exit " +
                                         std::to_string(hook.exit_code) + "); if that is intended, add `allow-error: true` " +
                                         "or expect `error: " + hook.unit + "`"});
    }
    return broken;
  }

  // A `run` step's action must complete, unless the step says what it expects of it.
  void check_action(const Step& step, const std::string& action_id, std::vector<Failure>& failures) {
    if (action_id.empty() || step.allow_error || (step.expect && step.expect->action)) return;
    const ActionRecord* action = m_run.model().action(action_id);
    if (!action || action->status == "completed") return;
    std::string text = "action " + action->name + " on " + action->unit + " ended " + action->status;
    if (action->status == "pending") text += " (the unit is in error, so it never ran)";
    else if (!action->message.empty()) text += ": " + action->message;
    failures.push_back({step.line, text + "; to expect that, add `expect: {action: {status: " + action->status + "}}`"});
  }

  void print_logs(const std::vector<std::string>& units) {
    for (const auto& unit : units) {
      const auto lines = m_run.log().read({unit});
      const size_t from = lines.size() > k_log_tail_lines ? lines.size() - k_log_tail_lines : 0;
      std::fprintf(m_options.out, "  %s\n", paint("last lines of " + unit + "'s log:", "2").c_str());
      for (size_t i = from; i < lines.size(); ++i) std::fprintf(m_options.out, "    %s\n", lines[i].c_str());
    }
  }

  const Scenario& m_scenario;
  SimRun& m_run;
  RunnerOptions m_options;
  size_t m_history_cursor = 0;  // `hooks` expectations count from the previous expect
};

}  // namespace

Verdict run_steps(const Scenario& scenario, SimRun& run, const RunnerOptions& options) {
  return StepRunner(scenario, run, options).run_all();
}

}  // namespace sim::scenario
