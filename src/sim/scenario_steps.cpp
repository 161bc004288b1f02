#include "sim/scenario_steps.hpp"

#include <filesystem>

namespace sim::scenario {

namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

std::string pairs(const std::map<std::string, std::string>& values) {
  std::string out;
  for (const auto& [k, v] : values) out += " " + k + "=" + v;
  return out;
}

}  // namespace

std::string describe(const Command& command) {
  return std::visit(
      Overloaded{
          [](const NoCommand&) { return std::string("expect"); },
          [](const Deploy& d) {
            std::string name = d.app.empty() ? std::filesystem::path(d.charm).filename().string() : d.app;
            // As the command line reads: a subordinate has no units of its own to count.
            return "deploy " + name + (d.units == 1 ? "" : " -n " + std::to_string(d.units)) + pairs(d.config);
          },
          [](const AddUnit& a) { return "add-unit " + a.app + (a.units == 1 ? "" : " -n " + std::to_string(a.units)); },
          [](const RemoveUnit& r) {
            std::string out = "remove-unit";
            for (const auto& u : r.units) out += " " + u;
            return out;
          },
          [](const RemoveApplication& r) { return "remove-application " + r.app; },
          [](const Relate& r) { return "relate " + r.a + " " + r.b; },
          [](const RemoveRelation& r) { return "remove-relation " + r.a + " " + r.b; },
          [](const Config& c) {
            std::string out = "config " + c.app + pairs(c.set);
            for (const auto& key : c.reset) out += " --reset " + key;
            return out;
          },
          [](const Run& r) { return "run " + r.unit + " " + r.action + pairs(r.params); },
          [](const Tick& t) { return "tick" + (t.times == 1 ? std::string() : " -n " + std::to_string(t.times)); },
          [](const Upgrade& u) { return "upgrade " + u.app + (u.charm.empty() ? "" : " --path " + u.charm); },
          [](const Resolve& r) { return "resolve " + r.unit + (r.retry ? "" : " --no-retry"); },
      },
      command);
}

std::string perform(const Command& command, Agent& agent, const Model& model) {
  return std::visit(
      Overloaded{
          [](const NoCommand&) { return std::string(); },
          [&](const Deploy& d) {
            agent.deploy(d.charm, d.app, d.units, d.config, d.resources);
            return std::string();
          },
          [&](const AddUnit& a) {
            agent.add_unit(a.app, a.units);
            return std::string();
          },
          [&](const RemoveUnit& r) {
            // All or nothing, as `charm-sim remove-unit a/0 a/1`.
            for (const auto& u : r.units)
              if (!model.unit(u)) throw UserError("unit \"" + u + "\" not found");
            for (const auto& u : r.units) agent.remove_unit(u);
            return std::string();
          },
          [&](const RemoveApplication& r) {
            agent.remove_application(r.app);
            return std::string();
          },
          [&](const Relate& r) {
            agent.relate(r.a, r.b);
            return std::string();
          },
          [&](const RemoveRelation& r) {
            agent.remove_relation(r.a, r.b);
            return std::string();
          },
          [&](const Config& c) {
            agent.set_config(c.app, c.set, c.reset);
            return std::string();
          },
          [&](const Run& r) { return agent.queue_action(r.unit, r.action, r.params); },
          [&](const Tick&) {
            agent.tick();  // more ticks are run by the caller, each after the previous settled
            return std::string();
          },
          [&](const Upgrade& u) {
            agent.upgrade(u.app, u.charm);
            return std::string();
          },
          [&](const Resolve& r) {
            agent.resolve(r.unit, r.retry);
            return std::string();
          },
      },
      command);
}

}  // namespace sim::scenario
