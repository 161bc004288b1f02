// Everything one charm-sim command works with: the locked model on disk, its machines, the
// agent socket, the log and the agent. Saves the model after every hook, so an interrupted
// command loses nothing that already happened.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sim/agent.hpp"
#include "sim/model_store.hpp"

namespace sim {

struct GlobalOptions {
  std::filesystem::path model_dir = ".charm-sim";
  std::string machine_kind;  // "" = the model's (local for a new model)
  int hook_timeout_seconds = 300;
  bool quiet = false;        // no progress lines
  bool colour = false;
  std::filesystem::path tool_binary;  // charm-sim-tool; found beside charm-sim by default
};

class SimRun {
 public:
  // create: a new model may be made (deploy); otherwise the model must exist.
  SimRun(const GlobalOptions& options, bool create);
  ~SimRun();
  Model& model() { return m_store.model(); }
  Agent& agent() { return *m_agent; }
  Machine& machine() { return *m_machine; }
  const UnitLog& log() const { return m_log; }
  void save() { m_store.save(); }
  // Runs queued hooks, printing one progress line per hook on stderr; the count of units left
  // in error afterwards.
  int settle();

 private:
  GlobalOptions m_options;
  ModelStore m_store;
  UnitLog m_log;
  std::unique_ptr<Machine> m_machine;
  std::unique_ptr<ToolServer> m_server;
  std::unique_ptr<Agent> m_agent;
};

// charm-sim-tool beside the running executable (or CHARM_SIM_TOOL).
std::filesystem::path default_tool_binary();

}  // namespace sim
