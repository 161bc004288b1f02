// What a handler reaches during a hook: the hook context, config, flags, the kv store, status
// and logging. One Runtime exists per hook process; run_hook() creates it.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "charm/flags.hpp"
#include "charm/hook_env.hpp"
#include "charm/hook_tools.hpp"
#include "charm/kv.hpp"

namespace charm {

const HookEnv& hook();
KeyValueStore& kv();
Flags& flags();

inline void set_flag(const std::string& f) { flags().set(f); }
inline void clear_flag(const std::string& f) { flags().clear(f); }
inline void toggle_flag(const std::string& f, bool should_set) { flags().toggle(f, should_set); }
inline bool is_flag_set(const std::string& f) { return flags().is_set(f); }

// The charm's config (one config-get per hook, on first use).
const nlohmann::json& config();
nlohmann::json config(const std::string& key);
// Values of the previous successful hook (the `.juju-persistent-config` snapshot).
nlohmann::json previous_config(const std::string& key);

// charms.reactive's data_changed: true when data's JSON hash differs from the stored one (then stores it).
bool data_changed(const std::string& id, const nlohmann::json& data);

// Logs one line to stderr (the agent puts it in the unit log); warnings and errors also go
// through juju-log. With JUJU_DEBUG or CHARM_DEBUG set, debug messages are kept and everything
// goes through juju-log too; otherwise an idle hook spawns no log processes.
void log(std::string_view message, hookcmd::LogLevel level = hookcmd::LogLevel::info);

// Workload status: the last one set in a hook wins; nothing is set implicitly.
namespace status {
void maintenance(std::string_view message);
void blocked(std::string_view message);
void waiting(std::string_view message);
void active(std::string_view message = "");
}  // namespace status

// Layer options from the built layer.yaml (`options: {layer: {option: value}}`).
nlohmann::json layer_option(const std::string& layer, const std::string& option);

// The entry point of a charm's hook binary: runs one hook, returns the exit code.
int run_hook(int argc, char** argv);

}  // namespace charm
