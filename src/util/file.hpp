// Small filesystem helpers that know nothing about charms.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace util {

namespace fs = std::filesystem;

// Whole file as bytes; throws BuildError naming the path on failure.
std::string read_file(const fs::path& path);
// nullopt when the file does not exist or is not a regular file.
std::optional<std::string> read_file_if_exists(const fs::path& path);
// Writes bytes and sets the permission bits; throws BuildError on failure.
void write_file(const fs::path& path, std::string_view bytes, fs::perms mode);
// Lower-case hex SHA-256 of bytes.
std::string sha256_hex(std::string_view bytes);
// Lower-case hex SHA-256 of a file's bytes, read in chunks; throws BuildError naming the path.
std::string sha256_file(const fs::path& path);
// `path` made relative to `base` when it lies under it, else `path` unchanged.
std::string display_path(const fs::path& path, const fs::path& base = fs::current_path());
// The current umask without changing it.
fs::perms current_umask();

}  // namespace util
