// config and run: typed config values and action parameters checked against the charm.
#include <cerrno>
#include <cstdlib>

#include "build/json_schema_draft4.hpp"
#include "sim/agent.hpp"
#include "yaml/json_convert.hpp"
#include "yaml/load.hpp"

namespace sim {
using nlohmann::json;

json parse_config_value(const std::string& key, const std::string& type, const std::string& text) {
  auto bad = [&]() -> UserError {
    return UserError("option \"" + key + "\" expected " + type + ", got \"" + text + "\"");
  };
  if (type == "string") return text;
  if (type == "int") {
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end || errno) throw bad();
    return v;
  }
  if (type == "float") {
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end || errno) throw bad();
    return v;
  }
  if (type == "boolean") {
    if (text == "true" || text == "True" || text == "yes") return true;
    if (text == "false" || text == "False" || text == "no") return false;
    throw bad();
  }
  if (type == "secret") return text;
  throw UserError("option \"" + key + "\" has an unknown type \"" + type + "\" in config.yaml");
}

json parse_param_value(const std::string& text) {
  try {
    json v = json::parse(yaml::to_json(yaml::load(text)).dump());
    if (v.is_object() && v.empty() && text.find('{') == std::string::npos) return text;  // empty text
    return v;
  } catch (const std::exception&) {
    return text;
  }
}

bool Agent::set_config(const std::string& app_name, const std::map<std::string, std::string>& values,
                       const std::vector<std::string>& reset) {
  Application* app = m_model.application(app_name);
  if (!app) throw UserError("application \"" + app_name + "\" not found");
  json updated = app->config;
  for (const auto& [key, text] : values) {
    auto it = app->charm.config.find(key);
    if (it == app->charm.config.end()) throw UserError("unknown option \"" + key + "\"");
    updated[key] = parse_config_value(key, it->second.type, text);
  }
  for (const auto& key : reset) {
    if (!app->charm.config.count(key)) throw UserError("unknown option \"" + key + "\"");
    updated.erase(key);
  }
  const json before = app->effective_config();
  app->config = updated;
  if (app->effective_config() == before) return false;
  for (const auto& unit : app->units)
    if (!m_model.unit(unit)->dying) queue({unit, "config-changed"});
  return true;
}

std::string Agent::queue_action(const std::string& unit_name, const std::string& action_name,
                                const std::map<std::string, std::string>& params) {
  const Unit* unit = m_model.unit(unit_name);
  if (!unit) throw UserError("unit \"" + unit_name + "\" not found");
  const Application* app = m_model.application(unit->application());
  const json& actions = app->charm.actions;
  if (!actions.contains(action_name)) {
    std::string known;
    for (const auto& [name, _] : actions.items()) known += (known.empty() ? "" : ", ") + name;
    throw UserError("action \"" + action_name + "\" not defined on unit \"" + unit_name + "\" (defined: " +
                    (known.empty() ? "none" : known) + ")");
  }
  const json& spec = actions[action_name].is_object() ? actions[action_name] : json::object();
  nlohmann::ordered_json schema = {{"type", "object"}, {"properties", spec.value("params", json::object())}};
  if (spec.contains("required")) schema["required"] = spec["required"];
  if (spec.contains("additionalProperties")) schema["additionalProperties"] = spec["additionalProperties"];
  nlohmann::ordered_json instance = nlohmann::ordered_json::object();
  for (const auto& [key, text] : params) instance[key] = nlohmann::ordered_json::parse(parse_param_value(text).dump());
  auto errors = build::validate_draft4_with_defaults(instance, schema);
  if (!errors.empty()) {
    std::string path;
    for (const auto& p : errors.front().path) path += "." + p;
    throw UserError("validation failed: (root)" + path + ": " + errors.front().message);
  }
  ActionRecord record;
  record.id = std::to_string(m_model.next_action_id++);
  record.unit = unit_name;
  record.name = action_name;
  record.params = json::parse(instance.dump());
  m_model.actions.push_back(record);
  QueuedHook hook;
  hook.unit = unit_name;
  hook.name = action_name;
  hook.action_id = record.id;
  queue(hook);
  return record.id;
}

}  // namespace sim
