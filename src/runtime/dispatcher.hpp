// The dispatch loop of charms.reactive (runtime.md §3): the `hooks` phase, then iterations of
// the `other` phase until no handler's conditions hold (at most 100). Flags set by a handler
// only matter from the next iteration on; any clear re-tests the rest of the current queue; a
// handler runs at most once per iteration, and after iteration 0 only if one of its flags
// changed in the previous iteration.
#pragma once
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "charm/flags.hpp"
#include "charm/kv.hpp"
#include "charm/reactive.hpp"
#include "runtime/metadata.hpp"

namespace charm {

// A registered handler resolved for this charm and hook: endpoint expanded, hook patterns
// expanded, watched flags collected.
struct DispatchHandler {
  HandlerSpec spec;               // flags with {endpoint_name} substituted
  std::string id;                 // spec.id, plus ":<endpoint>" for endpoint handlers
  std::string endpoint;           // "" unless expanded from for_endpoints
  std::vector<std::string> hook_names;  // expanded hook patterns
  std::vector<std::string> watched;     // every flag named in a flag condition
  bool flag_phase = false;        // has flag conditions (or no condition at all): `other` phase only
};

// Expands the registry for this charm: one handler per matching endpoint for for_endpoints
// handlers (none when no endpoint matches), patterns resolved against metadata.yaml.
std::vector<DispatchHandler> prepare_handlers(const std::vector<HandlerSpec>& specs, const detail::CharmMetadata& metadata);

// Thrown when a handler fails: names the handler so the hook error says where it happened.
class HandlerFailure : public std::runtime_error {
 public:
  HandlerFailure(std::string handler_id, std::string source, const std::string& message)
      : std::runtime_error(message), m_id(std::move(handler_id)), m_source(std::move(source)) {}
  const std::string& handler_id() const { return m_id; }
  const std::string& source() const { return m_source; }

 private:
  std::string m_id, m_source;
};

enum class Restricted { no, yes };

class Dispatcher {
 public:
  static constexpr int max_iterations = 100;

  Dispatcher(std::vector<DispatchHandler> handlers, KeyValueStore& kv, Flags& flags, std::string hook_name,
             std::filesystem::path charm_dir);
  void dispatch(Restricted restricted);

 private:
  enum class Phase { hooks, other, restricted };

  std::vector<size_t> test_all();
  bool test(size_t index);
  bool watch(const DispatchHandler& h) const;
  bool flag_conditions_hold(const DispatchHandler& h) const;
  bool any_file_changed(const DispatchHandler& h);
  void run_queue(std::vector<size_t> queue);
  void invoke(size_t index);
  void set_phase(Phase phase);
  void store_watch() const;

  std::vector<DispatchHandler> m_handlers;
  KeyValueStore& m_kv;
  Flags& m_flags;
  std::string m_hook_name;
  std::filesystem::path m_charm_dir;
  Phase m_phase = Phase::hooks;
  int m_iteration = 0;
  std::vector<std::string> m_changes;  // flags changed in the previous iteration (FlagWatch)
  // when_file_changed answers of the current round of tests: every handler tested in one
  // iteration sees the same answer, and a re-test after a clear does not lose the change.
  std::map<std::string, bool> m_file_changed;
};

}  // namespace charm
