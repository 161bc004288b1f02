#include "sim/scenario_parse_expect.hpp"

#include <algorithm>

#include "sim/scenario_yaml_read.hpp"

namespace sim::scenario {

namespace {

using Mode = TextMatch::Mode;

bool is_unit_name(const std::string& name) { return name.find('/') != std::string::npos; }

std::string require_unit(const yaml::Value& key, const std::string& what) {
  std::string name = read_text(key, what);
  if (!is_unit_name(name)) fail_at(key, what + " is keyed by unit (like \"" + name + "/0\"), got \"" + name + "\"");
  return name;
}

void parse_status(const yaml::Value& v, Expectations& out) {
  for (const auto& [key, spec] : require_mapping(v, "status").entries()) {
    StatusExpectation e;
    e.line = key.mark().line;
    e.entity = read_text(key, "a status key");
    const bool unit = is_unit_name(e.entity);
    if (!spec.is_mapping()) {
      std::string text = read_text(spec, "the status of " + e.entity);
      if (text == "absent") e.absent = true;
      else e.workload = text;
      out.status.push_back(std::move(e));
      continue;
    }
    if (unit) allow_keys(spec, {"workload", "message", "agent", "leader", "ports"}, "the status of " + e.entity);
    else allow_keys(spec, {"workload", "message"}, "the status of application " + e.entity);
    if (const auto* w = spec.find("workload")) e.workload = read_text(*w, "workload");
    if (const auto* a = spec.find("agent")) e.agent = read_text(*a, "agent");
    if (const auto* m = spec.find("message")) e.message = read_text_match(*m, Mode::equals, "message");
    if (const auto* l = spec.find("leader")) e.leader = read_bool(*l, "leader");
    if (const auto* p = spec.find("ports")) e.ports = p->is_sequence() && p->items().empty() ? std::vector<std::string>{} : read_texts(*p, "ports");
    out.status.push_back(std::move(e));
  }
}

void parse_relation_data(const yaml::Value& v, Expectations& out) {
  for (const auto& [unit_key, endpoints] : require_mapping(v, "relation-data").entries()) {
    const std::string unit = require_unit(unit_key, "relation-data");
    for (const auto& [endpoint_key, owners] : require_mapping(endpoints, "relation-data of " + unit).entries()) {
      const std::string endpoint = read_text(endpoint_key, "an endpoint");
      for (const auto& [owner_key, data] : require_mapping(owners, "relation-data of " + unit + " " + endpoint).entries()) {
        RelationDataExpectation e;
        e.line = owner_key.mark().line;
        e.unit = unit;
        e.endpoint = endpoint;
        e.owner = read_text(owner_key, "a unit or application");
        require_mapping(data, "the data " + unit + " sees from " + e.owner);
        for (const auto& [k, value] : data.entries())
          if (!value.is_scalar()) fail_at(value, "relation data values are texts; \"" + k.text() + "\" is not");
        e.data = data;
        out.relation_data.push_back(std::move(e));
      }
    }
  }
}

void parse_flags(const yaml::Value& v, Expectations& out) {
  for (const auto& [key, spec] : require_mapping(v, "flags").entries()) {
    FlagExpectation e;
    e.line = key.mark().line;
    e.unit = require_unit(key, "flags");
    auto add = [](const yaml::Value& list, std::vector<std::pair<std::string, int>>& to, const std::string& what) {
      const std::vector<yaml::Value> items = list.is_sequence() ? list.items() : std::vector<yaml::Value>{list};
      for (const auto& item : items) to.emplace_back(read_text(item, what), line_of(list, item));
    };
    if (spec.is_mapping()) {
      allow_keys(spec, {"set", "unset"}, "flags of " + e.unit);
      if (const auto* s = spec.find("set")) add(*s, e.set, "a flag");
      if (const auto* u = spec.find("unset")) add(*u, e.unset, "a flag");
    } else {
      add(spec, e.set, "a flag");  // a plain list: flags that must be set
    }
    out.flags.push_back(std::move(e));
  }
}

void parse_kv(const yaml::Value& v, Expectations& out) {
  for (const auto& [key, data] : require_mapping(v, "kv").entries()) {
    KvExpectation e;
    e.line = key.mark().line;
    e.unit = require_unit(key, "kv");
    e.data = require_mapping(data, "kv of " + e.unit);
    out.kv.push_back(std::move(e));
  }
}

void parse_files(const yaml::Value& v, Expectations& out) {
  for (const auto& [unit_key, files] : require_mapping(v, "files").entries()) {
    const std::string unit = require_unit(unit_key, "files");
    for (const auto& [path_key, spec] : require_mapping(files, "files of " + unit).entries()) {
      FileExpectation e;
      e.line = path_key.mark().line;
      e.unit = unit;
      e.path = read_text(path_key, "a file path");
      if (e.path.empty() || e.path.front() == '/')
        fail_at(path_key, "file paths are relative to the unit's charm dir, got \"" + e.path + "\"");
      const yaml::Value* exists = spec.is_mapping() ? spec.find("exists") : nullptr;
      if (exists) e.exists = read_bool(*exists, "exists");
      if (!spec.is_mapping() || spec.size() > (exists ? 1u : 0u)) {
        if (!e.exists) fail_at(spec, "a file expected not to exist has no content to test");
        e.content = read_text_match(spec, Mode::equals, "the content of " + e.path, {"exists"});
      }
      out.files.push_back(std::move(e));
    }
  }
}

void parse_hooks(const yaml::Value& v, Expectations& out) {
  for (const auto& [key, spec] : require_mapping(v, "hooks").entries()) {
    HookExpectation e;
    e.line = key.mark().line;
    e.unit = require_unit(key, "hooks");
    auto list = [](const yaml::Value& l) {
      return l.is_sequence() && l.items().empty() ? std::vector<std::string>{} : read_texts(l, "hooks");
    };
    if (spec.is_mapping()) {
      allow_keys(spec, {"exactly", "contains", "excludes"}, "hooks of " + e.unit);
      if (const auto* x = spec.find("exactly")) e.exactly = list(*x);
      if (const auto* c = spec.find("contains")) e.contains = list(*c);
      if (const auto* x = spec.find("excludes")) e.excludes = list(*x);
    } else {
      e.exactly = list(spec);
    }
    out.hooks.push_back(std::move(e));
  }
}

void parse_logs(const yaml::Value& v, Expectations& out) {
  for (const auto& [key, spec] : require_mapping(v, "log").entries()) {
    LogExpectation e;
    e.line = key.mark().line;
    e.unit = require_unit(key, "log");
    e.text = read_text_match(spec, Mode::contains, "the log of " + e.unit);
    out.logs.push_back(std::move(e));
  }
}

void parse_errors(const yaml::Value& v, Expectations& out) {
  if (v.is_mapping()) {
    for (const auto& [key, hook] : v.entries())
      out.errors.push_back({key.mark().line, require_unit(key, "error"), hook.is_null() ? "" : read_text(hook, "a hook name")});
    return;
  }
  const std::vector<yaml::Value> items = v.is_sequence() ? v.items() : std::vector<yaml::Value>{v};
  for (const auto& item : items) out.errors.push_back({line_of(v, item), require_unit(item, "error"), ""});
}

void parse_action(const yaml::Value& v, Expectations& out) {
  ActionExpectation e;
  e.line = v.mark().line;
  if (!v.is_mapping()) {
    e.status = read_text(v, "action");
  } else {
    allow_keys(v, {"status", "message", "results"}, "action");
    if (const auto* s = v.find("status")) e.status = read_text(*s, "action status");
    if (const auto* m = v.find("message")) e.message = read_text_match(*m, Mode::equals, "action message");
    if (const auto* r = v.find("results")) e.results = require_mapping(*r, "action results");
  }
  out.action = std::move(e);
}

}  // namespace

Expectations parse_expectations(const yaml::Value& expect, bool run_step) {
  Expectations out;
  out.line = expect.mark().line;
  require_mapping(expect, "expect");
  allow_keys(expect, {"status", "relation-data", "flags", "kv", "files", "hooks", "log", "error", "action"}, "expect");
  for (const auto& [key, value] : expect.entries()) {
    const std::string& kind = key.text();
    if (kind == "status") parse_status(value, out);
    else if (kind == "relation-data") parse_relation_data(value, out);
    else if (kind == "flags") parse_flags(value, out);
    else if (kind == "kv") parse_kv(value, out);
    else if (kind == "files") parse_files(value, out);
    else if (kind == "hooks") parse_hooks(value, out);
    else if (kind == "log") parse_logs(value, out);
    else if (kind == "error") parse_errors(value, out);
    else if (kind == "action") {
      if (!run_step) fail_at(key, "\"action\" expectations belong to a `run` step (they check that step's action)");
      parse_action(value, out);
    }
  }
  return out;
}

}  // namespace sim::scenario
