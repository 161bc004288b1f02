#include "build/output_tree.hpp"

namespace build {

void OutputTree::put(const std::string& relpath, OutputFile file) {
  size_t slash = relpath.rfind('/');
  if (slash != std::string::npos) add_directory(relpath.substr(0, slash));
  files[relpath] = std::move(file);
}

void OutputTree::add_directory(const std::string& relpath) {
  std::string dir = relpath;
  while (!dir.empty() && directories.insert(dir).second) {
    size_t slash = dir.rfind('/');
    dir = slash == std::string::npos ? "" : dir.substr(0, slash);
  }
}

const char* signature_kind_name(SignatureKind kind) {
  return kind == SignatureKind::static_file ? "static" : "dynamic";
}

}  // namespace build
