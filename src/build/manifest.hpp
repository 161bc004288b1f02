// .build.manifest: which layer produced each file, with its kind and SHA-256.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "build/context.hpp"

namespace build {

using Signatures = std::map<std::string, std::vector<std::string>>;  // relpath -> [owner, kind, sha256]

// The manifest text exactly as charm-tools writes it: indent 2, keys sorted, ASCII only,
// no trailing newline.
std::string render_manifest(const BuildContext& ctx);

// The signatures of a manifest file; nullopt when absent. Throws BuildError when malformed.
std::optional<Signatures> read_manifest_signatures(const fs::path& manifest_path);

}  // namespace build
