// Packs a built charm directory into NAME.charm, the zip Juju deploys.
#pragma once
#include <filesystem>

namespace pack {

// Zips every file and empty directory under charm_dir (names relative to it, modes kept) into
// zip_path, deterministically: sorted entries, a fixed timestamp, deflate. The zip is written
// to a temporary file and renamed, so a failure leaves any previous zip as it was.
// Throws util::BuildError naming the path on failure.
void write_charm_file(const std::filesystem::path& charm_dir, const std::filesystem::path& zip_path);

}  // namespace pack
