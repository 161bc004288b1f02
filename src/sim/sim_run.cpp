#include "sim/sim_run.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace sim {
namespace fs = std::filesystem;

fs::path default_tool_binary() {
  if (const char* env = std::getenv("CHARM_SIM_TOOL"); env && *env) return fs::absolute(env);
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  for (const fs::path& candidate : {self.parent_path() / "charm-sim-tool", self.parent_path() / "../libexec/charm-build/charm-sim-tool"})
    if (fs::exists(candidate, ec)) return fs::canonical(candidate);
  throw UserError("charm-sim-tool not found beside " + self.string() + " (set CHARM_SIM_TOOL)");
}

SimRun::SimRun(const GlobalOptions& options, bool create)
    : m_options(options), m_store(options.model_dir, create), m_log(m_store.dir() / "logs") {
  Model& model = m_store.model();
  if (!options.machine_kind.empty()) {
    if (m_store.exists() && !model.units.empty() && options.machine_kind != model.machine_kind)
      throw UserError("model " + m_store.dir().string() + " uses " + model.machine_kind + " machines; it cannot switch to " +
                      options.machine_kind + " (destroy it first)");
    model.machine_kind = options.machine_kind;
  }
  MachineEnvironment env{m_store.dir(), m_store.runtime_dir(),
                         options.tool_binary.empty() ? default_tool_binary() : options.tool_binary};
  if (model.machine_kind == "local") {
    m_machine = make_local_machine(env);
  } else if (model.machine_kind == "container") {
    m_machine = make_container_machine(env, model.uuid, options.quiet);
  } else {
    throw UserError("unknown machine kind \"" + model.machine_kind + "\" (use local or container)");
  }
  m_server = std::make_unique<ToolServer>(env.runtime_dir / "agent.sock");
  AgentOptions agent_options;
  agent_options.hook_timeout = std::chrono::seconds(options.hook_timeout_seconds);
  agent_options.after_hook = [this](const QueuedHook& hook, const HookOutcome& outcome) {
    m_store.save();
    if (m_options.quiet) return;
    const bool ok = outcome.exit_code == 0;
    std::string mark = !outcome.ran              ? "-"
                       : outcome.rebooted_now    ? "interrupted by juju-reboot --now"
                       : ok                      ? "ok"
                       : outcome.timed_out       ? "timed out"
                                                 : "failed (exit " + std::to_string(outcome.exit_code) + ")";
    if (m_options.colour) mark = (ok ? "\033[32m" : "\033[31m") + mark + "\033[0m";
    std::fprintf(stderr, "  %-40s %s%s\n", hook.describe().c_str(), mark.c_str(),
                 outcome.ran ? (" " + std::to_string(static_cast<int>(outcome.seconds * 1000)) + "ms").c_str() : "");
  };
  m_agent = std::make_unique<Agent>(model, *m_machine, m_log, *m_server, agent_options);
}

SimRun::~SimRun() = default;

int SimRun::settle() {
  m_agent->settle();
  m_store.save();
  int in_error = 0;
  for (const auto& [name, unit] : model().units)
    if (unit.agent_status == "error") ++in_error;
  return in_error;
}

}  // namespace sim
