#include "sim/hook_session.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace sim {

namespace {

// Juju sorts port ranges by protocol, then first and last port (network.SortPortRanges);
// "icmp" has no ports.
std::tuple<std::string, int, int> port_order(const std::string& range) {
  const size_t slash = range.find('/');
  if (slash == std::string::npos) return {range, -1, -1};
  const std::string ports = range.substr(0, slash);
  const size_t dash = ports.find('-');
  try {
    const int from = std::stoi(ports.substr(0, dash));
    const int to = dash == std::string::npos ? from : std::stoi(ports.substr(dash + 1));
    return {range.substr(slash + 1), from, to};
  } catch (const std::exception&) {
    return {range, 0, 0};
  }
}

}  // namespace

Unit& HookSession::unit() {
  Unit* u = m_model.unit(m_context.unit);
  if (!u) throw std::runtime_error("unit " + m_context.unit + " is not in the model any more");
  return *u;
}

Application& HookSession::application() {
  Application* app = m_model.application(unit().application());
  if (!app) throw std::runtime_error("application of unit " + m_context.unit + " is not in the model");
  return *app;
}

ActionRecord* HookSession::action() {
  return m_context.action_id.empty() ? nullptr : m_model.action(m_context.action_id);
}

HookSession::Committed HookSession::commit() {
  Committed committed;
  for (const auto& [rel_id, owners] : relation_writes) {
    Relation* rel = m_model.relation(rel_id);
    if (!rel) continue;  // removed while the hook ran: nothing left to write to
    for (const auto& [owner, pending] : owners) {
      const bool app_bag = owner.find('/') == std::string::npos;
      auto& bags = app_bag ? rel->app_bags : rel->unit_bags;
      auto it = bags.find(owner);
      const Bag before = it == bags.end() ? Bag{} : it->second;
      Bag after = before;
      for (const auto& [key, value] : pending) {
        if (value && !value->empty()) after[key] = *value;
        else after.erase(key);  // an empty value (or null from --file) deletes
      }
      if (after == before) continue;
      bags[owner] = std::move(after);
      committed.changed_bags.emplace_back(rel_id, owner);
    }
  }
  relation_writes.clear();

  if (!port_changes.empty()) {
    if (Unit* u = m_model.unit(m_context.unit)) {
      for (const auto& [open, range] : port_changes) {
        auto it = std::find(u->ports.begin(), u->ports.end(), range);
        if (open && it == u->ports.end()) u->ports.push_back(range);
        if (!open && it != u->ports.end()) u->ports.erase(it);
      }
      std::sort(u->ports.begin(), u->ports.end(),
                [](const std::string& a, const std::string& b) { return port_order(a) < port_order(b); });
      u->ports.erase(std::unique(u->ports.begin(), u->ports.end()), u->ports.end());
    }
    port_changes.clear();
  }
  return committed;
}

}  // namespace sim
