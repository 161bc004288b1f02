// The hook queue: running hooks one at a time, commit-or-drop, and what a commit triggers.
#include <algorithm>

#include "sim/agent.hpp"

namespace sim {

Agent::Agent(Model& model, Machine& machine, const UnitLog& log, ToolServer& server, AgentOptions options)
    : m_model(model), m_machine(machine), m_log(log), m_server(server), m_options(std::move(options)) {}

void Agent::queue(QueuedHook hook) {
  // Juju coalesces: a -relation-changed (or update-status, leader-settings-changed) that is
  // already waiting to run covers a second trigger.
  const bool coalescable = hook.name.ends_with("-relation-changed") || hook.name == "update-status" ||
                           hook.name == "leader-settings-changed" || hook.name == "config-changed";
  if (coalescable && std::find(m_model.queue.begin(), m_model.queue.end(), hook) != m_model.queue.end()) return;
  m_model.queue.push_back(std::move(hook));
}

int Agent::settle() {
  int ran = 0;
  for (;;) {
    auto next = std::find_if(m_model.queue.begin(), m_model.queue.end(), [&](const QueuedHook& h) {
      const Unit* u = m_model.unit(h.unit);
      return !u || u->agent_status != "error";
    });
    if (next == m_model.queue.end()) return ran;
    QueuedHook hook = *next;
    m_model.queue.erase(next);
    if (!m_model.unit(hook.unit)) continue;  // the unit went away meanwhile
    run_one(hook);
    drop_dead_relations();
    ++ran;
  }
}

void Agent::run_one(const QueuedHook& hook) {
  Unit& unit = *m_model.unit(hook.unit);
  HookContext ctx;
  ctx.unit = hook.unit;
  ctx.hook_name = hook.action_id.empty() ? hook.name : "";
  ctx.relation_id = hook.relation_id;
  ctx.remote_unit = hook.remote_unit;
  ctx.remote_app = hook.remote_app;
  ctx.departing_unit = hook.departing_unit;
  ctx.storage_id = hook.storage_id;
  ctx.action_id = hook.action_id;
  ctx.restricted = hook.name == "collect-metrics" || hook.name == "meter-status-changed";

  HookSession session(m_model, ctx);
  session.log = [&](const std::string& level, const std::string& text) { m_log.write(hook.unit, level, "juju-log", text); };
  ActionRecord* action = hook.action_id.empty() ? nullptr : m_model.action(hook.action_id);
  if (action) action->status = "running";
  unit.agent_status = "executing";
  m_log.write(hook.unit, "INFO", "uniter", "running " + (action ? "action " + action->name : hook.name + " hook"));

  HookOutcome outcome = HookRunner(m_machine, m_server, m_log, {m_options.hook_timeout}).run(session);
  Unit* still = m_model.unit(hook.unit);  // tools never remove units, but stay defensive
  if (!still) return;

  m_model.history.push_back({static_cast<int>(m_model.history.size()) + 1, hook.unit,
                             action ? "action:" + action->name : hook.name, outcome.exit_code, outcome.seconds});
  // leader-set applies at once, whatever the exit code.
  if (session.leader_settings_changed)
    for (const auto& name : m_model.application(still->application())->units)
      if (name != hook.unit && m_model.unit(name) && !m_model.unit(name)->dying)
        queue({name, "leader-settings-changed"});

  if (action) {
    // Actions never put the unit in error (hook-tools.md, action-fail).
    still->agent_status = "idle";
    if (!outcome.ran) {
      action->status = "failed";
      action->message = "action not implemented on unit \"" + hook.unit + "\"";
    } else if (outcome.exit_code != 0) {
      action->status = "failed";
      if (action->message.empty())
        action->message = outcome.timed_out ? "action timed out" : "exit status " + std::to_string(outcome.exit_code);
    } else if (action->status == "running") {
      action->status = "completed";
    }
    if (outcome.exit_code == 0) session.commit();
    action->results["return-code"] = outcome.exit_code;
    if (m_options.after_hook) m_options.after_hook(hook, outcome);
    return;
  }

  if (outcome.rebooted_now) {
    // Nothing of the hook is kept; once the machine is back the same hook runs again.
    still->agent_status = "idle";
    m_log.write(hook.unit, "INFO", "uniter", "juju-reboot --now during \"" + hook.name + "\": rebooting, then running it again");
    reboot_machine_of(hook.unit, hook);
    if (m_options.after_hook) m_options.after_hook(hook, outcome);
    return;
  }

  if (outcome.exit_code != 0) {
    // Unit in error; the hook stays first in its queue for `resolve` to retry.
    still->agent_status = "error";
    still->error_hook = hook.name;
    m_model.queue.insert(m_model.queue.begin(), hook);
    m_log.write(hook.unit, "ERROR", "uniter",
                "hook \"" + hook.name + "\" " +
                    (outcome.timed_out ? "timed out and was killed" : "failed: exit status " + std::to_string(outcome.exit_code)));
    if (m_options.after_hook) m_options.after_hook(hook, outcome);
    return;
  }

  HookSession::Committed committed = session.commit();
  still->agent_status = "idle";
  still->error_hook.clear();
  if (hook.name == "install") still->installed = true;
  if (hook.name == "start") still->started = true;
  after_commit(hook, committed.changed_bags);
  if (m_options.after_hook) m_options.after_hook(hook, outcome);
  if (session.reboot_after_hook) {
    m_log.write(hook.unit, "INFO", "uniter", "juju-reboot after \"" + hook.name + "\": rebooting the machine");
    reboot_machine_of(hook.unit, std::nullopt);
  }
  if (hook.name == "remove") finish_removal(hook.unit);
}

// juju-reboot: the unit's machine restarts (a local machine cannot: only the hook order is
// played). Juju's agents then come back: the interrupted hook (--now) runs again first, and
// every unit on the machine that had started gets `start` again (Juju 3.x's uniter: "reboot
// detected; triggering implicit start hook", only once the unit has started; a unit still
// deploying just goes on with its queued hooks).
void Agent::reboot_machine_of(const std::string& unit_name, const std::optional<QueuedHook>& interrupted) {
  const Unit* unit = m_model.unit(unit_name);
  const std::string machine_unit = unit && !unit->principal.empty() ? unit->principal : unit_name;
  const std::string address = m_machine.reboot(machine_unit);
  std::vector<QueuedHook> first;
  if (interrupted) first.push_back(*interrupted);
  for (auto& [name, u] : m_model.units) {
    if (name != machine_unit && u.principal != machine_unit) continue;
    if (!address.empty()) u.address = address;
    if (u.started && !u.dying) first.push_back({name, "start"});
  }
  m_model.queue.insert(m_model.queue.begin(), first.begin(), first.end());
}

// A committed relation-set triggers -relation-changed on the units that see that bag.
void Agent::after_commit(const QueuedHook& hook, const std::vector<std::pair<int, std::string>>& changed) {
  for (const auto& [rel_id, owner] : changed) {
    Relation* rel = m_model.relation(rel_id);
    if (!rel || rel->dying) continue;
    const bool app_bag = owner.find('/') == std::string::npos;
    const std::string owner_app = app_bag ? owner : owner.substr(0, owner.find('/'));
    for (const auto& member : rel->members) {
      const Unit* u = m_model.unit(member);
      if (!u || u->dying || member == hook.unit) continue;
      const RelationEnd* other = rel->other_end(u->application());
      if (!other || other->application != owner_app) continue;
      if (app_bag) {
        if (u->application() == owner_app && !rel->is_peer()) continue;
        queue({member, other->endpoint.empty() ? "" : rel->end_of(u->application())->endpoint + "-relation-changed",
               rel_id, "", owner_app});
      } else {
        auto remotes = m_model.remote_units(*rel, member);
        if (std::find(remotes.begin(), remotes.end(), owner) == remotes.end()) continue;
        queue({member, rel->end_of(u->application())->endpoint + "-relation-changed", rel_id, owner, owner_app});
      }
    }
  }
}

}  // namespace sim
