// charm-helpers' config snapshot, `$CHARM_DIR/.juju-persistent-config`: the config of the last
// successful hook, which `config.changed.*` and previous_config() compare against.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

namespace charm::detail {

std::filesystem::path config_snapshot_path(const std::filesystem::path& charm_dir);
// nullopt when there is no snapshot yet. A snapshot that is not a JSON object counts as
// missing (with a warning): every option then reads as changed, which is the safe side.
std::optional<nlohmann::json> load_config_snapshot(const std::filesystem::path& path);
// Written to a temporary file and renamed, mode 0600; throws std::runtime_error on failure.
void save_config_snapshot(const std::filesystem::path& path, const nlohmann::json& config);

}  // namespace charm::detail
