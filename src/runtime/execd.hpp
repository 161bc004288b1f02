// layer-basic's exec.d hooks (runtime.md §9): every executable
// `exec.d/<module>/charm-pre-install` runs once per unit, before anything else of the first
// hook that gets this far; the sentinel `exec.d/.<module>_charm-pre-install.done` records it.
#pragma once
#include <filesystem>
#include <optional>

namespace charm::detail {

// nullopt: go on with the hook. A value: end the hook now with that exit code; after a failed
// script the unit is left `blocked` and the hook exits 0, as upstream (the code of the script
// when even status-set fails).
std::optional<int> run_execd_pre_install(const std::filesystem::path& charm_dir);

}  // namespace charm::detail
