// What the build will write: every file with its bytes (or the source to copy), mode,
// owner and kind. Computed fully in memory before the target is touched.
#pragma once
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace build {

enum class SignatureKind { static_file, dynamic_file };

struct OutputFile {
  std::optional<std::string> copy_from;  // copies: the source file, times kept (a string: see Contribution)
  std::string bytes;                                // generated content (when not a copy)
  std::filesystem::perms mode = std::filesystem::perms::none;
  std::string owner;                                // manifest owner: a layer url or the charm name
  SignatureKind kind = SignatureKind::static_file;
  std::string sha256;
  bool keep_existing_mode = false;                  // rewritten files keep the target's mode
};

struct OutputTree {
  std::map<std::string, OutputFile> files;          // relpath -> file; sorted for determinism
  std::set<std::string> directories;                // every directory to create, incl. empty ones

  // Adds or replaces a file and registers its parent directories.
  void put(const std::string& relpath, OutputFile file);
  void add_directory(const std::string& relpath);
};

const char* signature_kind_name(SignatureKind kind);

}  // namespace build
