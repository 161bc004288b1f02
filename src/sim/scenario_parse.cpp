#include "sim/scenario_parse.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sim/scenario_parse_expect.hpp"
#include "sim/scenario_yaml_read.hpp"
#include "yaml/load.hpp"

namespace sim::scenario {
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> k_verbs = {"deploy", "add-unit",  "remove-unit", "remove-application", "relate", "remove-relation",
                                          "config", "run",       "tick",        "upgrade",            "resolve"};

struct StepReader {
  fs::path base_dir;

  std::string path(const yaml::Value& v, const std::string& what) const {
    fs::path p = read_text(v, what);
    return (p.is_absolute() ? p : base_dir / p).lexically_normal().string();
  }

  std::pair<std::string, std::string> pair(const yaml::Value& v, const std::string& verb) const {
    std::vector<std::string> ends;
    if (v.is_sequence()) {
      ends = read_texts(v, verb);
    } else {
      std::istringstream words(read_text(v, verb));
      for (std::string w; words >> w;) ends.push_back(w);
    }
    if (ends.size() != 2) fail_at(v, verb + " takes two applications: [APP[:ENDPOINT], APP[:ENDPOINT]]");
    return {ends[0], ends[1]};
  }

  Command command(const std::string& verb, const yaml::Value& v) const {
    if (verb == "deploy") {
      Deploy d;
      if (!v.is_mapping()) {
        d.charm = path(v, "deploy");
        return d;
      }
      allow_keys(v, {"charm", "app", "units", "config", "resources"}, "deploy");
      d.charm = path(require_key(v, "charm", "deploy"), "charm");
      if (const auto* a = v.find("app")) d.app = read_text(*a, "app");
      if (const auto* n = v.find("units")) d.units = read_int(*n, "units", 0);
      if (const auto* c = v.find("config")) d.config = read_text_map(*c, "config");
      if (const auto* r = v.find("resources")) {
        d.resources = read_text_map(*r, "resources");
        for (auto& [name, file] : d.resources) file = path(*r->find(name), "resource " + name);
      }
      return d;
    }
    if (verb == "add-unit") {
      AddUnit a;
      if (!v.is_mapping()) {
        a.app = read_text(v, "add-unit");
        return a;
      }
      allow_keys(v, {"app", "units"}, "add-unit");
      a.app = read_text(require_key(v, "app", "add-unit"), "app");
      if (const auto* n = v.find("units")) a.units = read_int(*n, "units", 1);
      return a;
    }
    if (verb == "remove-unit") return RemoveUnit{read_texts(v, "remove-unit")};
    if (verb == "remove-application") return RemoveApplication{read_text(v, "remove-application")};
    if (verb == "relate") {
      auto [a, b] = pair(v, verb);
      return Relate{a, b};
    }
    if (verb == "remove-relation") {
      auto [a, b] = pair(v, verb);
      return RemoveRelation{a, b};
    }
    if (verb == "config") {
      Config c;
      allow_keys(require_mapping(v, "config"), {"app", "set", "reset"}, "config");
      c.app = read_text(require_key(v, "app", "config"), "app");
      if (const auto* s = v.find("set")) c.set = read_text_map(*s, "set");
      if (const auto* r = v.find("reset")) c.reset = read_texts(*r, "reset");
      if (c.set.empty() && c.reset.empty()) fail_at(v, "config needs \"set\" or \"reset\"");
      return c;
    }
    if (verb == "run") {
      Run r;
      allow_keys(require_mapping(v, "run"), {"unit", "action", "params"}, "run");
      r.unit = read_text(require_key(v, "unit", "run"), "unit");
      r.action = read_text(require_key(v, "action", "run"), "action");
      if (const auto* p = v.find("params")) r.params = read_text_map(*p, "params");
      return r;
    }
    if (verb == "tick") return Tick{v.is_null() ? 1 : read_int(v, "tick", 1)};
    if (verb == "upgrade") {
      Upgrade u;
      if (!v.is_mapping()) {
        u.app = read_text(v, "upgrade");
        return u;
      }
      allow_keys(v, {"app", "charm"}, "upgrade");
      u.app = read_text(require_key(v, "app", "upgrade"), "app");
      if (const auto* c = v.find("charm")) u.charm = path(*c, "charm");
      return u;
    }
    // resolve
    Resolve r;
    if (!v.is_mapping()) {
      r.unit = read_text(v, "resolve");
      return r;
    }
    allow_keys(v, {"unit", "retry"}, "resolve");
    r.unit = read_text(require_key(v, "unit", "resolve"), "unit");
    if (const auto* x = v.find("retry")) r.retry = read_bool(*x, "retry");
    return r;
  }

  // The one command key of a step mapping (nullptr for an expect-only step).
  const yaml::Value::Entry* find_command(const yaml::Value& step, std::initializer_list<const char*> extra) const {
    const yaml::Value::Entry* found = nullptr;
    for (const auto& entry : step.entries()) {
      const std::string& key = entry.first.text();
      if (std::find(extra.begin(), extra.end(), key) != extra.end()) continue;
      if (std::find(k_verbs.begin(), k_verbs.end(), key) == k_verbs.end()) {
        std::vector<std::string> known = k_verbs;
        known.insert(known.end(), extra.begin(), extra.end());
        std::string hint = nearest(key, known);
        fail_at(entry.first, "unknown step \"" + key + "\"" +
                                 (hint.empty() ? " (steps: deploy, add-unit, remove-unit, remove-application, relate, "
                                                 "remove-relation, config, run, tick, upgrade, resolve, expect, expect-failure)"
                                               : " (did you mean \"" + hint + "\"?)"));
      }
      if (found) fail_at(entry.first, "one command per step: this step has \"" + found->first.text() + "\" and \"" + key + "\"");
      found = &entry;
    }
    return found;
  }

  Step step(const yaml::Value& v) const {
    Step s;
    s.line = v.mark().line;
    require_mapping(v, "a step");
    const yaml::Value::Entry* failing = nullptr;
    for (const auto& entry : v.entries())
      if (entry.first.text() == "expect-failure") failing = &entry;
    if (failing) {
      allow_keys(v, {"expect-failure", "expect"}, "an expect-failure step");
      const yaml::Value& spec = require_mapping(failing->second, "expect-failure");
      allow_keys(spec, {"step", "message"}, "expect-failure");
      const yaml::Value& inner = require_mapping(require_key(spec, "step", "expect-failure"), "the refused step");
      const yaml::Value::Entry* command = find_command(inner, {});
      if (!command) fail_at(inner, "the refused step needs a command (deploy, relate, ...)");
      s.verb = "expect-failure";
      s.command = this->command(command->first.text(), command->second);
      s.must_fail = true;
      s.failure_line = failing->first.mark().line;
      if (const auto* m = spec.find("message")) {
        s.failure_message = read_text_match(*m, TextMatch::Mode::contains, "the refusal message");
        s.failure_line = line_of(failing->first, *m);
      }
    } else {
      const yaml::Value::Entry* command = find_command(v, {"expect", "allow-error"});
      s.verb = command ? command->first.text() : "expect";
      if (command) s.command = this->command(s.verb, command->second);
      if (!command && !v.find("expect")) fail_at(v, "a step needs a command (deploy, relate, ...) or \"expect\"");
      if (const auto* a = v.find("allow-error")) s.allow_error = read_bool(*a, "allow-error");
    }
    if (const auto* e = v.find("expect")) s.expect = parse_expectations(*e, std::holds_alternative<Run>(s.command));
    return s;
  }
};

// Expands ${VAR} in every text value of the document (keys stay as written).
void expand_all(yaml::Value& v, const EnvLookup& env) {
  if (v.is_string()) {
    try {
      yaml::Mark mark = v.mark();
      v = yaml::Value::string(expand_variables(v.text(), env));
      v.set_mark(mark);
    } catch (const std::invalid_argument& e) {
      fail_at(v, e.what());
    }
  } else if (v.is_sequence()) {
    for (auto& item : v.items()) expand_all(item, env);
  } else if (v.is_mapping()) {
    for (auto& [_, value] : v.entries()) expand_all(value, env);
  }
}

}  // namespace

std::string expand_variables(const std::string& text, const EnvLookup& env) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 >= text.size()) {
      out += text[i];
    } else if (text[i + 1] == '$') {
      out += '$';
      ++i;
    } else if (text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close == std::string::npos) throw std::invalid_argument("\"${\" without a closing \"}\" in \"" + text + "\"");
      const std::string name = text.substr(i + 2, close - i - 2);
      std::optional<std::string> value = env(name);
      if (!value) throw std::invalid_argument("environment variable " + name + " is not set (used in \"" + text + "\")");
      out += *value;
      i = close;
    } else if (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '_') {
      // $NAME, for flow mappings where a "{" would start a mapping: {charm: $CHARMS/x}
      size_t end = i + 1;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
      const std::string name = text.substr(i + 1, end - i - 1);
      std::optional<std::string> value = env(name);
      if (!value) throw std::invalid_argument("environment variable " + name + " is not set (used in \"" + text + "\")");
      out += *value;
      i = end - 1;
    } else {
      out += '$';
    }
  }
  return out;
}

Scenario parse_scenario(std::string_view text, const std::string& file_name, const fs::path& base_dir, const EnvLookup& env) {
  Scenario scenario;
  scenario.file = file_name;
  std::vector<std::string> problems;
  auto report = [&](const yaml::ParseError& e) { problems.push_back(yaml::format_parse_error(file_name, text, e)); };
  try {
    yaml::Value doc = yaml::load(text);
    require_mapping(doc, "a scenario");
    allow_keys(doc, {"name", "description", "model", "steps"}, "the scenario");
    if (const auto* model = doc.find("model")) {
      allow_keys(require_mapping(*model, "model"), {"machine", "hook-timeout"}, "model");
      if (const auto* m = model->find("machine")) scenario.machine_kind = read_text(*m, "machine");
      if (const auto* t = model->find("hook-timeout")) scenario.hook_timeout_seconds = read_int(*t, "hook-timeout", 1);
    }
    yaml::Value steps = require_key(doc, "steps", "a scenario");
    if (!steps.is_sequence() || steps.items().empty()) fail_at(steps, "\"steps\" must be a list of steps");
    StepReader reader{base_dir};
    for (auto& item : steps.items()) {
      try {
        expand_all(item, env);
        Step s = reader.step(item);
        s.number = static_cast<int>(scenario.steps.size()) + 1;
        scenario.steps.push_back(std::move(s));
      } catch (const yaml::ParseError& e) {
        report(e);  // one problem per step, then the next step
      }
    }
  } catch (const yaml::ParseError& e) {
    report(e);
  }
  if (!problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "\n") + p;
    throw SyntaxError(all);
  }
  return scenario;
}

Scenario load_scenario_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw SyntaxError(path + ": cannot read the scenario file (does it exist?)");
  std::stringstream text;
  text << in.rdbuf();
  const fs::path base = fs::absolute(path).parent_path();
  return parse_scenario(text.str(), path, base, [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  });
}

}  // namespace sim::scenario
