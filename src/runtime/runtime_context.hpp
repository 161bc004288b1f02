// The one context of a running hook: its environment, the kv store (one transaction) with
// the flags over it, and what is read at most once per hook (config, the previous config
// snapshot, layer options, metadata). run_hook creates it; tests create one directly.
#pragma once
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "charm/flags.hpp"
#include "charm/hook_env.hpp"
#include "charm/kv.hpp"
#include "runtime/metadata.hpp"

namespace charm::detail {

class EndpointRegistry;

class RuntimeContext {
 public:
  // Opens the kv store and becomes the context charm::kv(), charm::flags() etc. refer to.
  RuntimeContext(HookEnv env, const std::filesystem::path& kv_path);
  ~RuntimeContext();
  RuntimeContext(const RuntimeContext&) = delete;
  RuntimeContext& operator=(const RuntimeContext&) = delete;

  // Throws std::logic_error when no hook is running.
  static RuntimeContext& current();
  static RuntimeContext* current_or_null();

  const HookEnv& env() const { return m_env; }
  KeyValueStore& kv() { return m_kv; }
  Flags& flags() { return m_flags; }

  // `config-get --all --format=json` on first use.
  const nlohmann::json& config();
  bool config_loaded() const { return m_config.has_value(); }
  // The options of config.yaml in file order, each with its default typed by the option's
  // `type` as Juju reports it (null when config.yaml gives none); read once.
  const std::vector<std::pair<std::string, nlohmann::json>>& config_defaults();
  // The `.juju-persistent-config` snapshot of the last successful hook; nullopt on the first run.
  const std::optional<nlohmann::json>& previous_config();
  // `options` of the charm's layer.yaml ({} when there is none).
  const nlohmann::json& layer_options();
  const CharmMetadata& metadata();
  // The Endpoint objects of this hook (charm::endpoint()), made from metadata() on first use.
  EndpointRegistry& endpoints();

 private:
  HookEnv m_env;
  KeyValueStore m_kv;
  Flags m_flags;
  RuntimeContext* m_outer;
  std::optional<nlohmann::json> m_config;
  std::optional<std::vector<std::pair<std::string, nlohmann::json>>> m_config_defaults;
  std::optional<std::optional<nlohmann::json>> m_previous_config;
  std::optional<nlohmann::json> m_layer_options;
  std::optional<CharmMetadata> m_metadata;
  std::unique_ptr<EndpointRegistry> m_endpoints;
};

}  // namespace charm::detail
