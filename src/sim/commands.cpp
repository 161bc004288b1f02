#include "sim/commands.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "sim/status_view.hpp"
#include "yaml/dump.hpp"
#include "yaml/json_convert.hpp"
#include "yaml/load.hpp"

namespace sim::cmd {
namespace fs = std::filesystem;
using nlohmann::json;

std::map<std::string, std::string> key_values(const std::vector<std::string>& items, const std::string& what) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw UserError(what + " \"" + item + "\" must be of the form key=value");
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

void print_document(const json& doc, const std::string& format) {
  if (format == "json") {
    std::cout << doc.dump() << '\n';
  } else {
    std::cout << yaml::dump(yaml::from_json(nlohmann::ordered_json::parse(doc.dump())));
  }
}

namespace {

// The outcome of a command that ran hooks: 3 when a unit is left in error.
int settled(SimRun& run) {
  int in_error = run.settle();
  if (in_error > 0) {
    for (const auto& [name, unit] : run.model().units)
      if (unit.agent_status == "error")
        std::fprintf(stderr, "ERROR unit %s: hook failed: \"%s\" (see `charm-sim debug-log`, then `charm-sim resolve %s`)\n",
                     name.c_str(), unit.error_hook.c_str(), name.c_str());
    return hook_error;
  }
  return ok;
}

// `--config k=v` or `--config FILE` with `APP: {k: v}` (the juju deploy form).
std::map<std::string, std::string> config_settings(const std::vector<std::string>& items, const std::string& app) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    if (item.find('=') != std::string::npos) {
      auto kv = key_values({item}, "config");
      out.insert(kv.begin(), kv.end());
      continue;
    }
    std::ifstream in(item);
    if (!in) throw UserError("config file " + item + " not found (use key=value or a YAML file)");
    std::stringstream text;
    text << in.rdbuf();
    json data;
    try {
      data = json::parse(yaml::to_json(yaml::load(text.str())).dump());
    } catch (const yaml::ParseError& e) {
      throw UserError(yaml::format_parse_error(item, text.str(), e));
    }
    const json& settings = data.contains(app) ? data[app] : data;
    if (!settings.is_object()) throw UserError(item + ": expected a mapping of options for \"" + app + "\"");
    for (const auto& [k, v] : settings.items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

}  // namespace

int deploy(const GlobalOptions& g, const DeployArgs& a) {
  SimRun run(g, true);
  std::string app = a.app;
  if (app.empty()) {
    // The config file form needs the app name: the charm's, unless given.
    std::ifstream meta(fs::path(a.charm_dir) / "metadata.yaml");
    if (meta) {
      std::stringstream text;
      text << meta.rdbuf();
      try {
        app = yaml::to_json(yaml::load(text.str())).value("name", "");
      } catch (...) {
      }
    }
  }
  auto units = run.agent().deploy(a.charm_dir, a.app, a.units, config_settings(a.config, app), key_values(a.resources, "resource"));
  run.save();
  const std::string deployed = a.app.empty() ? app : a.app;
  if (units.empty())  // a subordinate: its units come with container-scoped relations
    std::fprintf(stderr, "Deployed \"%s\" from %s (subordinate: a unit joins each related principal unit)\n",
                 deployed.c_str(), a.charm_dir.c_str());
  else
    std::fprintf(stderr, "Deployed \"%s\" from %s (%zu unit%s)\n", deployed.c_str(), a.charm_dir.c_str(), units.size(),
                 units.size() == 1 ? "" : "s");
  return settled(run);
}

int add_unit(const GlobalOptions& g, const std::string& app, int count) {
  SimRun run(g, false);
  run.agent().add_unit(app, count);
  run.save();
  return settled(run);
}

int remove_unit(const GlobalOptions& g, const std::vector<std::string>& units) {
  SimRun run(g, false);
  for (const auto& u : units)
    if (!run.model().unit(u)) throw UserError("unit \"" + u + "\" not found");
  for (const auto& u : units) run.agent().remove_unit(u);
  run.save();
  return settled(run);
}

int remove_application(const GlobalOptions& g, const std::string& app) {
  SimRun run(g, false);
  run.agent().remove_application(app);
  return settled(run);
}

int relate(const GlobalOptions& g, const std::string& a, const std::string& b) {
  SimRun run(g, false);
  run.agent().relate(a, b);
  run.save();
  return settled(run);
}

int remove_relation(const GlobalOptions& g, const std::string& a, const std::string& b) {
  SimRun run(g, false);
  run.agent().remove_relation(a, b);
  run.save();
  return settled(run);
}

int config(const GlobalOptions& g, const std::string& app, const std::vector<std::string>& settings,
           const std::vector<std::string>& reset, const std::string& format) {
  SimRun run(g, false);
  const Application* a = run.model().application(app);
  if (!a) throw UserError("application \"" + app + "\" not found");
  if (settings.size() == 1 && settings[0].find('=') == std::string::npos) {
    auto it = a->charm.config.find(settings[0]);
    if (it == a->charm.config.end()) throw UserError("unknown option \"" + settings[0] + "\"");
    json value = a->effective_config(true)[settings[0]];
    if (value.is_string()) std::cout << value.get<std::string>() << '\n';
    else std::cout << value.dump() << '\n';
    return ok;
  }
  if (settings.empty() && reset.empty()) {
    json doc = {{"application", app}, {"charm", a->charm.name}, {"settings", json::object()}};
    const json values = a->effective_config(true);
    for (const auto& [key, option] : a->charm.config) {
      json entry = {{"type", option.type}, {"description", option.description},
                    {"source", a->config.contains(key) ? "user" : option.default_value.is_null() ? "unset" : "default"}};
      if (!values[key].is_null()) entry["value"] = values[key];
      if (!option.default_value.is_null()) entry["default"] = option.default_value;
      doc["settings"][key] = entry;
    }
    print_document(doc, format);
    return ok;
  }
  run.agent().set_config(app, config_settings(settings, app), reset);
  run.save();
  return settled(run);
}

int run_action(const GlobalOptions& g, const std::string& unit, const std::string& action,
               const std::vector<std::string>& params, const std::string& format) {
  SimRun run(g, false);
  std::string id = run.agent().queue_action(unit, action, key_values(params, "parameter"));
  run.save();
  int code = settled(run);
  const ActionRecord* rec = run.model().action(id);
  json doc = {{"id", rec->id}, {"unit", rec->unit}, {"action", rec->name}, {"status", rec->status}};
  if (!rec->message.empty()) doc["message"] = rec->message;
  json results = rec->results;
  doc["results"] = results;
  if (!rec->log.empty()) doc["log"] = rec->log;
  print_document(doc, format);
  if (rec->status == "pending")
    std::fprintf(stderr, "action %s is still pending: unit %s is in error (resolve it first)\n", id.c_str(), unit.c_str());
  if (rec->status != "completed") return code == ok ? action_failed : code;
  return code;
}

int status(const GlobalOptions& g, const std::string& format) {
  SimRun run(g, false);
  if (format == "tabular") {
    std::cout << status_table(run.model(), g.colour && ::isatty(STDOUT_FILENO));
  } else {
    print_document(status_document(run.model()), format);
  }
  return ok;
}

int show_unit(const GlobalOptions& g, const std::string& unit_name, const std::string& format) {
  SimRun run(g, false);
  const Model& m = run.model();
  const Unit* unit = m.unit(unit_name);
  if (!unit) throw UserError("unit \"" + unit_name + "\" not found");
  const std::string app = unit->application();
  json relations = json::array();
  for (const auto& rel : m.relations) {
    if (!rel.involves(app) || rel.dying) continue;
    const RelationEnd* own = rel.end_of(app);
    const RelationEnd* other = rel.other_end(app);
    json related = json::object();
    for (const auto& remote : m.remote_units(rel, unit_name)) {
      auto it = rel.unit_bags.find(remote);
      related[remote] = {{"data", it == rel.unit_bags.end() ? json::object() : json(it->second)}};
    }
    auto own_bag = rel.unit_bags.find(unit_name);
    auto app_bag = rel.app_bags.find(other->application);
    auto own_app_bag = rel.app_bags.find(app);
    relations.push_back({{"relation-id", rel.id},
                         {"endpoint", own->endpoint},
                         {"related-endpoint", other->endpoint},
                         {"related-application", other->application},
                         {"application-data", app_bag == rel.app_bags.end() ? json::object() : json(app_bag->second)},
                         {"local-application-data", own_app_bag == rel.app_bags.end() ? json::object() : json(own_app_bag->second)},
                         {"local-unit", {{"in-scope", std::find(rel.members.begin(), rel.members.end(), unit_name) != rel.members.end()},
                                         {"data", own_bag == rel.unit_bags.end() ? json::object() : json(own_bag->second)}}},
                         {"related-units", related}});
  }
  Status w = displayed_workload(*unit);
  json doc = {{unit_name,
               {{"workload-status", {{"current", w.status}, {"message", w.message}}},
                {"juju-status", {{"current", unit->agent_status}}},
                {"leader", unit->leader},
                {"machine", unit->machine},
                {"address", unit->address},
                {"opened-ports", unit->ports},
                {"charm-dir", run.machine().host_charm_dir(unit_name).string()},
                {"relation-info", relations}}}};
  print_document(doc, format);
  return ok;
}

int debug_log(const GlobalOptions& g, const std::vector<std::string>& include, int lines) {
  SimRun run(g, false);
  auto all = run.log().read(include);
  size_t start = lines > 0 && static_cast<size_t>(lines) < all.size() ? all.size() - static_cast<size_t>(lines) : 0;
  for (size_t i = start; i < all.size(); ++i) std::cout << all[i] << '\n';
  return ok;
}

int tick(const GlobalOptions& g, int count) {
  SimRun run(g, false);
  int code = ok;
  for (int i = 0; i < count && code == ok; ++i) {
    run.agent().tick();
    code = settled(run);
  }
  return code;
}

int upgrade(const GlobalOptions& g, const std::string& app, const std::string& path,
            const std::vector<std::string>& resources) {
  SimRun run(g, false);
  run.agent().upgrade(app, path, key_values(resources, "resource"));
  run.save();
  return settled(run);
}

int resolve(const GlobalOptions& g, const std::string& unit, bool retry) {
  SimRun run(g, false);
  run.agent().resolve(unit, retry);
  run.save();
  return settled(run);
}

int ssh(const GlobalOptions& g, const std::string& unit, const std::vector<std::string>& command) {
  SimRun run(g, false);
  if (!run.model().unit(unit)) throw UserError("unit \"" + unit + "\" not found");
  return run.machine().exec_interactive(unit, command);
}

int destroy(const GlobalOptions& g) {
  {
    SimRun run(g, false);
    std::vector<std::string> apps;
    for (const auto& [name, _] : run.model().applications) apps.push_back(name);
    GlobalOptions quiet = g;
    for (const auto& app : apps) run.agent().remove_application(app);
    run.settle();
    for (const auto& [name, _] : std::map<std::string, Unit>(run.model().units)) run.machine().destroy(name);
    run.save();
  }
  std::error_code ec;
  fs::remove_all(g.model_dir, ec);
  std::fprintf(stderr, "Destroyed model %s\n", g.model_dir.c_str());
  return ok;
}

}  // namespace sim::cmd
