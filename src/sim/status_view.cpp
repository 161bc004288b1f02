#include "sim/status_view.hpp"

#include <algorithm>
#include <sstream>

namespace sim {
using nlohmann::json;

namespace {

int severity(const std::string& status) {
  static const std::vector<std::string> order = {"unknown", "active", "maintenance", "waiting", "blocked", "error"};
  auto it = std::find(order.begin(), order.end(), status);
  return it == order.end() ? 0 : static_cast<int>(it - order.begin());
}

Status application_status(const Model& model, const Application& app) {
  if (app.status.status != "unknown" || !app.status.message.empty()) return app.status;
  Status worst;
  for (const auto& name : app.units) {
    const Unit* u = model.unit(name);
    if (!u) continue;
    Status s = displayed_workload(*u);
    if (severity(s.status) > severity(worst.status)) worst = s;
  }
  return worst;
}

std::string colourise(const std::string& text, const std::string& status, bool colour) {
  if (!colour) return text;
  std::string code = status == "active" || status == "idle"        ? "32"
                     : status == "error" || status == "blocked"    ? "31"
                     : status == "waiting" || status == "maintenance" || status == "executing" ? "33"
                                                                   : "";
  return code.empty() ? text : "\033[" + code + "m" + text + "\033[0m";
}

// Columns padded to their widest cell (colour codes excluded from the width).
std::string table(const std::vector<std::vector<std::pair<std::string, std::string>>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], row[i].first.size());
    }
  std::ostringstream out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i].second.empty() ? row[i].first : row[i].second;
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].first.size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
  return out.str();
}

}  // namespace

Status displayed_workload(const Unit& unit) {
  if (unit.agent_status == "error") return {"error", "hook failed: \"" + unit.error_hook + "\""};
  return unit.workload;
}

json status_document(const Model& model) {
  json apps = json::object();
  for (const auto& [name, app] : model.applications) {
    json units = json::object();
    std::map<std::string, json> subordinate_units;
    for (const auto& unit_name : app.units) {
      const Unit* u = model.unit(unit_name);
      if (!u) continue;
      Status w = displayed_workload(*u);
      json entry = {{"workload-status", {{"current", w.status}, {"message", w.message}}},
                    {"juju-status", {{"current", u->agent_status}}},
                    {"machine", u->machine},
                    {"public-address", u->address},
                    {"open-ports", u->ports}};
      if (u->leader) entry["leader"] = true;
      if (u->dying) entry["juju-status"]["message"] = "dying";
      if (u->agent_status == "error") entry["juju-status"]["message"] = "hook failed: \"" + u->error_hook + "\"";
      units[unit_name] = entry;
    }
    json relations = json::object();
    for (const auto& rel : model.relations) {
      const RelationEnd* own = rel.end_of(name);
      if (!own || rel.dying) continue;
      const RelationEnd* other = rel.other_end(name);
      relations[own->endpoint].push_back({{"related-application", other->application},
                                          {"interface", own->interface},
                                          {"scope", rel.container_scoped ? "container" : "global"}});
    }
    Status s = application_status(model, app);
    json entry = {{"charm", app.charm.name},
                  {"charm-origin", "local"},
                  {"charm-rev", app.charm_revision},
                  {"charm-path", app.charm_source},
                  {"exposed", false},
                  {"application-status", {{"current", s.status}, {"message", s.message}}},
                  {"relations", relations}};
    if (!app.version.empty()) entry["version"] = app.version;
    if (app.charm.subordinate) {
      json subordinate_to = json::array();
      for (const auto& rel : model.relations)
        if (rel.container_scoped && rel.involves(name)) subordinate_to.push_back(rel.other_end(name)->application);
      entry["subordinate-to"] = subordinate_to;
      entry["units"] = json::object();
      for (auto& [k, v] : units.items()) {
        // juju status nests subordinate units under their principal; keep them here too for scripts.
        entry["units"][k] = v;
      }
    } else {
      entry["units"] = units;
    }
    apps[name] = entry;
  }
  json relations = json::array();
  for (const auto& rel : model.relations) {
    if (rel.dying) continue;
    json ends = json::array();
    for (const auto& e : rel.ends) ends.push_back(e.application + ":" + e.endpoint);
    relations.push_back({{"id", rel.id}, {"key", rel.key()}, {"endpoints", ends}, {"interface", rel.ends[0].interface},
                         {"type", rel.is_peer() ? "peer" : "regular"}, {"scope", rel.container_scoped ? "container" : "global"}});
  }
  int pending = static_cast<int>(model.queue.size());
  return {{"model", {{"name", model.name}, {"type", "iaas"}, {"controller", "charm-sim"}, {"cloud", model.machine_kind},
                     {"version", "3.4.0"}, {"pending-hooks", pending}}},
          {"applications", apps},
          {"relations", relations}};
}

std::string status_table(const Model& model, bool colour) {
  std::ostringstream out;
  using Row = std::vector<std::pair<std::string, std::string>>;
  auto cell = [](std::string text) { return std::pair<std::string, std::string>{std::move(text), ""}; };
  auto status_cell = [&](const std::string& text, const std::string& status) {
    return std::pair<std::string, std::string>{text, colourise(text, status, colour)};
  };
  out << table({{cell("Model"), cell("Controller"), cell("Cloud/Region"), cell("Version"), cell("Pending hooks")},
                {cell(model.name), cell("charm-sim"), cell(model.machine_kind), cell("3.4.0"), cell(std::to_string(model.queue.size()))}})
      << '\n';
  std::vector<Row> apps = {{cell("App"), cell("Version"), cell("Status"), cell("Scale"), cell("Charm"), cell("Rev"), cell("Message")}};
  for (const auto& [name, app] : model.applications) {
    Status s = application_status(model, app);
    apps.push_back({cell(name), cell(app.version), status_cell(s.status, s.status), cell(std::to_string(app.units.size())),
                    cell(app.charm.name), cell(std::to_string(app.charm_revision)), cell(s.message)});
  }
  out << table(apps);
  if (!model.units.empty()) {
    out << '\n';
    std::vector<Row> units = {{cell("Unit"), cell("Workload"), cell("Agent"), cell("Machine"), cell("Address"), cell("Ports"), cell("Message")}};
    auto add_unit = [&](const Unit& u, const std::string& indent) {
      Status w = displayed_workload(u);
      std::string ports;
      for (const auto& p : u.ports) ports += (ports.empty() ? "" : ",") + p;
      units.push_back({cell(indent + u.name + (u.leader ? "*" : "")), status_cell(w.status, w.status),
                       status_cell(u.agent_status, u.agent_status), cell(u.machine), cell(u.address), cell(ports),
                       cell(w.message)});
    };
    for (const auto& [name, app] : model.applications) {
      if (app.charm.subordinate) continue;
      for (const auto& unit_name : app.units) {
        const Unit* u = model.unit(unit_name);
        if (!u) continue;
        add_unit(*u, "");
        for (const auto& [sub_name, sub] : model.units)
          if (sub.principal == unit_name) add_unit(sub, "  ");
      }
    }
    out << table(units);
  }
  std::vector<Row> rels = {{cell("Integration provider"), cell("Requirer"), cell("Interface"), cell("Type")}};
  for (const auto& rel : model.relations) {
    if (rel.dying) continue;
    const RelationEnd& a = rel.ends[0];
    const RelationEnd& b = rel.is_peer() ? rel.ends[0] : rel.ends[1];
    const bool swap = a.role == "requires";
    const RelationEnd& provider = swap ? b : a;
    const RelationEnd& requirer = swap ? a : b;
    rels.push_back({cell(provider.application + ":" + provider.endpoint), cell(requirer.application + ":" + requirer.endpoint),
                    cell(a.interface), cell(rel.is_peer() ? "peer" : rel.container_scoped ? "subordinate" : "regular")});
  }
  if (rels.size() > 1) out << '\n' << table(rels);
  return out.str();
}

}  // namespace sim
