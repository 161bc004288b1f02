#include "sim/scenario_expect.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sim/scenario_unit_state.hpp"
#include "sim/status_view.hpp"

namespace sim::scenario {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string quote(const std::string& text) { return show_text(text); }

// `"Ready"` for a plain message, `with a message containing "x"` for the other tests.
std::string describe(const TextMatch& match) {
  if (match.tests.size() == 1 && match.tests[0].first == TextMatch::Mode::equals) return quote(match.tests[0].second);
  std::vector<std::string> parts;
  for (const auto& [mode, text] : match.tests) {
    switch (mode) {
      case TextMatch::Mode::equals: parts.push_back("equal to " + quote(text)); break;
      case TextMatch::Mode::contains: parts.push_back("containing " + quote(text)); break;
      case TextMatch::Mode::matches: parts.push_back("matching /" + text + "/"); break;
      case TextMatch::Mode::excludes: parts.push_back("not containing " + quote(text)); break;
    }
  }
  return "with a message " + join(parts, " and ");
}

class Checker {
 public:
  Checker(const Observed& o, std::vector<Failure>& out) : m_o(o), m_out(out) {}

  void fail(int line, std::string text) { m_out.push_back({line, std::move(text)}); }

  // The unit, or nullptr after reporting that it does not exist.
  const Unit* unit(int line, const std::string& name, const std::string& subject) {
    if (const Unit* u = m_o.model.unit(name)) return u;
    std::vector<std::string> names;
    for (const auto& [n, _] : m_o.model.units) names.push_back(n);
    fail(line, subject + ": no unit " + name + " in the model (units: " + (names.empty() ? "none" : join(names)) + ")");
    return nullptr;
  }

  void status(const StatusExpectation& e) {
    const bool is_unit = e.entity.find('/') != std::string::npos;
    const std::string subject = e.entity + " status";
    Status shown;
    const Unit* u = is_unit ? m_o.model.unit(e.entity) : nullptr;
    const bool exists = is_unit ? u != nullptr : m_o.model.application(e.entity) != nullptr;
    if (e.absent) {
      if (exists) fail(e.line, subject + ": expected absent, but it exists" + (u && u->dying ? " (dying)" : ""));
      return;
    }
    if (!exists) {
      if (is_unit) unit(e.line, e.entity, subject);
      else fail(e.line, subject + ": no application " + e.entity + " in the model");
      return;
    }
    if (is_unit) {
      shown = displayed_workload(*u);
    } else {
      const json doc = status_document(m_o.model);
      const json& s = doc["applications"][e.entity]["application-status"];
      shown = {s.value("current", ""), s.value("message", "")};
    }
    const bool workload_ok = !e.workload || *e.workload == shown.status;
    const bool message_ok = !e.message || match_text(*e.message, shown.message).empty();
    if (!workload_ok || !message_ok) {
      std::string expected = e.workload.value_or("");
      if (e.message) expected += (expected.empty() ? "message " : " ") + describe(*e.message);
      fail(e.line, subject + ": expected " + expected + ", got " + shown.status + " " + quote(shown.message));
    }
    if (!u) return;
    if (e.agent && *e.agent != u->agent_status)
      fail(e.line, e.entity + " agent status: expected " + *e.agent + ", got " + u->agent_status +
                       (u->agent_status == "error" ? " (hook \"" + u->error_hook + "\" failed)" : ""));
    if (e.leader && *e.leader != u->leader)
      fail(e.line, e.entity + " leader: expected " + (*e.leader ? "true" : "false") + ", got " + (u->leader ? "true" : "false"));
    if (e.ports) {
      std::vector<std::string> want = *e.ports, got = u->ports;
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      if (want != got) fail(e.line, e.entity + " ports: expected [" + join(want) + "], got [" + join(got) + "]");
    }
  }

  void relation_data(const RelationDataExpectation& e) {
    const std::string subject = e.unit + " relation-data " + e.endpoint + " " + e.owner;
    const Unit* u = unit(e.line, e.unit, subject);
    if (!u) return;
    const std::string app = u->application();
    const bool owner_is_unit = e.owner.find('/') != std::string::npos;
    const std::string owner_app = owner_is_unit ? e.owner.substr(0, e.owner.find('/')) : e.owner;
    const Relation* found = nullptr;
    std::vector<std::string> related;
    for (const auto& rel : m_o.model.relations) {
      const RelationEnd* own = rel.end_of(app);
      if (rel.dying || !own || own->endpoint != e.endpoint) continue;
      const RelationEnd* other = rel.other_end(app);
      related.push_back(other->application);
      if (!found && (other->application == owner_app || owner_app == app)) found = &rel;
    }
    if (!found) {
      fail(e.line, subject + ": " + app + ":" + e.endpoint + " has no relation with " + owner_app +
                       (related.empty() ? " (it has no relation on \"" + e.endpoint + "\" at all)" : " (related to: " + join(related) + ")"));
      return;
    }
    json bag = json::object();
    if (owner_is_unit) {
      const auto& members = found->members;
      if (e.owner != e.unit && std::find(members.begin(), members.end(), e.unit) == members.end()) {
        fail(e.line, subject + ": " + e.unit + " is not in the scope of relation " + std::to_string(found->id) +
                         " (in scope: " + (members.empty() ? "none" : join(members)) + ")");
        return;
      }
      const auto remotes = m_o.model.remote_units(*found, e.unit);
      if (e.owner != e.unit && std::find(remotes.begin(), remotes.end(), e.owner) == remotes.end()) {
        fail(e.line, subject + ": " + e.unit + " does not see " + e.owner + " on relation " + std::to_string(found->id) +
                         " (units it sees: " + (remotes.empty() ? "none" : join(remotes)) + ")");
        return;
      }
      if (auto it = found->unit_bags.find(e.owner); it != found->unit_bags.end()) bag = it->second;
    } else if (auto it = found->app_bags.find(e.owner); it != found->app_bags.end()) {
      bag = it->second;
    }
    for (auto& f : match_partial(e.data, bag, subject)) m_out.push_back(std::move(f));
  }

  void flags(const FlagExpectation& e, const UnitState& state) {
    for (const auto& [flag, line] : e.set)
      if (!state.flag_set(flag))
        fail(line, e.unit + " flags: expected " + flag + " to be set; " +
                       (state.exists ? "set flags: " + (state.flags().empty() ? std::string("none") : join(state.flags()))
                                     : std::string("the unit has no kv store (.unit-state.db) yet")));
    for (const auto& [flag, line] : e.unset)
      if (state.flag_set(flag)) fail(line, e.unit + " flags: expected " + flag + " to be unset, but it is set");
  }

  void kv(const KvExpectation& e, const UnitState& state) {
    json all = json::object();
    for (const auto& [k, v] : state.kv) all[k] = v;
    for (auto& f : match_partial(e.data, all, e.unit + " kv")) {
      if (!state.exists) f.text += " (the unit has no kv store (.unit-state.db) yet)";
      m_out.push_back(std::move(f));
    }
  }

  void file(const FileExpectation& e) {
    const std::string subject = e.unit + " file " + e.path;
    const fs::path path = m_o.charm_dir(e.unit) / e.path;
    std::error_code ec;
    const bool exists = fs::exists(fs::symlink_status(path, ec));
    if (!e.exists) {
      if (exists) fail(e.line, subject + ": expected not to exist, but it does");
      return;
    }
    if (!exists) {
      fail(e.line, subject + ": expected to exist, but there is no " + path.string());
      return;
    }
    if (!e.content) return;
    if (fs::is_directory(path, ec)) {
      fail(e.line, subject + ": is a directory, not a file");
      return;
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (std::string problem = match_text(*e.content, text.str()); !problem.empty()) fail(e.line, subject + ": " + problem);
  }

  void hooks(const HookExpectation& e) {
    const std::string subject = e.unit + " hooks";
    const auto ran = hooks_since(m_o.model, e.unit, m_o.history_from, false);
    const bool ever_ran = !hooks_since(m_o.model, e.unit, 0, false).empty();
    if (!ever_ran && !unit(e.line, e.unit, subject)) return;  // a removed unit's history stays
    const std::string shown = ran.empty() ? "none since the previous expect" : join(hooks_since(m_o.model, e.unit, m_o.history_from, true));
    if (e.exactly && *e.exactly != ran)
      fail(e.line, subject + ": expected [" + join(*e.exactly) + "], got [" + join(hooks_since(m_o.model, e.unit, m_o.history_from, true)) + "]");
    if (e.contains) {
      auto at = ran.begin();
      for (size_t i = 0; i < e.contains->size(); ++i) {
        const std::string& want = (*e.contains)[i];
        at = std::find(at, ran.end(), want);
        if (at == ran.end()) {
          fail(e.line, subject + ": expected [" + join(*e.contains) + "] in this order, missing " + want +
                           (e.contains->size() > 1 ? " (item " + std::to_string(i + 1) + ")" : "") + "; ran: " + shown);
          break;
        }
        ++at;
      }
    }
    if (e.excludes)
      for (const auto& unwanted : *e.excludes)
        if (std::find(ran.begin(), ran.end(), unwanted) != ran.end())
          fail(e.line, subject + ": expected no " + unwanted + ", but it ran; ran: " + shown);
  }

  void log(const LogExpectation& e) {
    // A removed unit's log stays: only a unit with neither is a mistake.
    const auto lines = m_o.log(e.unit);
    if (lines.empty() && !unit(e.line, e.unit, e.unit + " log")) return;
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    if (std::string problem = match_text(e.text, text); !problem.empty()) fail(e.line, e.unit + " log: " + problem);
  }

  void error(const ErrorExpectation& e) {
    const Unit* u = unit(e.line, e.unit, e.unit + " error");
    if (!u) return;
    if (u->agent_status != "error") {
      Status w = displayed_workload(*u);
      fail(e.line, e.unit + ": expected in error" + (e.hook.empty() ? "" : " (hook \"" + e.hook + "\")") + ", but its agent is " +
                       u->agent_status + " (workload " + w.status + " " + quote(w.message) + ")");
    } else if (!e.hook.empty() && e.hook != u->error_hook) {
      fail(e.line, e.unit + ": expected in error in hook \"" + e.hook + "\", got in error in \"" + u->error_hook + "\"");
    }
  }

  void action(const ActionExpectation& e) {
    const ActionRecord* a = m_o.action;
    if (!a) {
      fail(e.line, "action: this step queued no action");
      return;
    }
    const std::string subject = "action " + a->name + " (" + a->unit + ")";
    if (e.status && *e.status != a->status)
      fail(e.line, subject + " status: expected " + *e.status + ", got " + a->status + (a->message.empty() ? "" : " " + quote(a->message)));
    if (e.message)
      if (std::string problem = match_text(*e.message, a->message); !problem.empty()) fail(e.line, subject + " message: " + problem);
    if (!e.results.is_null())
      for (auto& f : match_partial(e.results, a->results, subject + " results")) m_out.push_back(std::move(f));
  }

 private:
  const Observed& m_o;
  std::vector<Failure>& m_out;
};

}  // namespace

std::vector<std::string> hooks_since(const Model& model, const std::string& unit, size_t from, bool with_exit_codes) {
  std::vector<std::string> out;
  for (size_t i = from; i < model.history.size(); ++i) {
    const HookRun& run = model.history[i];
    if (run.unit != unit) continue;
    out.push_back(run.hook + (with_exit_codes && run.exit_code != 0 ? " (exit " + std::to_string(run.exit_code) + ")" : ""));
  }
  return out;
}

std::vector<Failure> check_expectations(const Expectations& expect, const Observed& observed) {
  std::vector<Failure> out;
  Checker check(observed, out);
  for (const auto& e : expect.status) check.status(e);
  for (const auto& e : expect.relation_data) check.relation_data(e);
  // Flags and kv read the unit's store once per unit.
  std::map<std::string, UnitState> states;
  auto state_of = [&](int line, const std::string& unit) -> const UnitState* {
    if (!check.unit(line, unit, unit + " kv store")) return nullptr;
    auto it = states.find(unit);
    if (it == states.end()) {
      try {
        it = states.emplace(unit, read_unit_state(observed.charm_dir(unit))).first;
      } catch (const std::exception& e) {
        check.fail(line, unit + " kv store: " + e.what());
        return nullptr;
      }
    }
    return &it->second;
  };
  for (const auto& e : expect.flags)
    if (const UnitState* s = state_of(e.line, e.unit)) check.flags(e, *s);
  for (const auto& e : expect.kv)
    if (const UnitState* s = state_of(e.line, e.unit)) check.kv(e, *s);
  for (const auto& e : expect.files)
    if (check.unit(e.line, e.unit, e.unit + " file " + e.path)) check.file(e);
  for (const auto& e : expect.hooks) check.hooks(e);
  for (const auto& e : expect.logs) check.log(e);
  for (const auto& e : expect.errors) check.error(e);
  if (expect.action) check.action(*expect.action);
  std::stable_sort(out.begin(), out.end(), [](const Failure& a, const Failure& b) { return a.line < b.line; });
  return out;
}

}  // namespace sim::scenario
