// The hook's context and the public accessors of charm/runtime.hpp that read it.
#include "runtime/runtime_context.hpp"

#include <stdexcept>

#include "charm/runtime.hpp"
#include "runtime/config_snapshot.hpp"
#include "runtime/endpoint_internals.hpp"
#include "runtime/yaml_json.hpp"

namespace charm::detail {
namespace {

RuntimeContext*& current_context() {
  static RuntimeContext* ctx = nullptr;
  return ctx;
}

}  // namespace

RuntimeContext::RuntimeContext(HookEnv env, const std::filesystem::path& kv_path)
    : m_env(std::move(env)), m_kv(kv_path), m_flags(m_kv), m_outer(current_context()) {
  current_context() = this;
}

RuntimeContext::~RuntimeContext() { current_context() = m_outer; }

RuntimeContext& RuntimeContext::current() {
  if (!current_context())
    throw std::logic_error("libcharm: no hook is running (call hook functions from handlers run by charm::run_hook)");
  return *current_context();
}

RuntimeContext* RuntimeContext::current_or_null() { return current_context(); }

const nlohmann::json& RuntimeContext::config() {
  if (!m_config) {
    nlohmann::json c = hookcmd::config_get();
    m_config = c.is_object() ? std::move(c) : nlohmann::json::object();
  }
  return *m_config;
}

const std::vector<std::pair<std::string, nlohmann::json>>& RuntimeContext::config_defaults() {
  if (m_config_defaults) return *m_config_defaults;
  auto& out = m_config_defaults.emplace();
  auto doc = load_yaml_file(m_env.charm_dir / "config.yaml");
  if (!doc || !doc->IsMap()) return out;
  YAML::Node options = (*doc)["options"];
  if (!options || !options.IsMap()) return out;
  for (const auto& entry : options) {
    nlohmann::json default_value;
    const YAML::Node& def = entry.second;
    if (def.IsMap() && def["default"]) {
      std::string type = def["type"] && def["type"].IsScalar() ? def["type"].Scalar() : "";
      default_value = yaml_scalar_as(def["default"], type);
    }
    out.emplace_back(entry.first.Scalar(), std::move(default_value));
  }
  return out;
}

const std::optional<nlohmann::json>& RuntimeContext::previous_config() {
  if (!m_previous_config) m_previous_config = load_config_snapshot(config_snapshot_path(m_env.charm_dir));
  return *m_previous_config;
}

const nlohmann::json& RuntimeContext::layer_options() {
  if (!m_layer_options) {
    auto doc = load_yaml_file(m_env.charm_dir / "layer.yaml");
    nlohmann::json options = doc ? yaml_to_json((*doc)["options"]) : nlohmann::json();
    m_layer_options = options.is_object() ? std::move(options) : nlohmann::json::object();
  }
  return *m_layer_options;
}

const CharmMetadata& RuntimeContext::metadata() {
  if (!m_metadata) m_metadata = CharmMetadata::load(m_env.charm_dir);
  return *m_metadata;
}

EndpointRegistry& RuntimeContext::endpoints() {
  if (!m_endpoints) m_endpoints = std::make_unique<EndpointRegistry>(metadata());
  return *m_endpoints;
}

}  // namespace charm::detail

namespace charm {

using detail::RuntimeContext;

const HookEnv& hook() { return RuntimeContext::current().env(); }
KeyValueStore& kv() { return RuntimeContext::current().kv(); }
Flags& flags() { return RuntimeContext::current().flags(); }

const nlohmann::json& config() { return RuntimeContext::current().config(); }

nlohmann::json config(const std::string& key) {
  const nlohmann::json& c = config();
  auto it = c.find(key);
  return it == c.end() ? nlohmann::json() : *it;
}

nlohmann::json previous_config(const std::string& key) {
  const auto& prev = RuntimeContext::current().previous_config();
  if (!prev) return nullptr;
  auto it = prev->find(key);
  return it == prev->end() ? nlohmann::json() : *it;
}

nlohmann::json layer_option(const std::string& layer, const std::string& option) {
  const nlohmann::json& options = RuntimeContext::current().layer_options();
  auto l = options.find(layer);
  if (l == options.end() || !l->is_object()) return nullptr;
  auto o = l->find(option);
  return o == l->end() ? nlohmann::json() : *o;
}

}  // namespace charm
