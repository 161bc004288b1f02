// Test fixture shared by the proof tests: a charm directory in a fresh temp dir.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "proof/proof.hpp"

namespace proof_test {

using Lines = std::vector<std::string>;
namespace fs = std::filesystem;

// A charm directory named NAME in a fresh temp dir; proof() gives the formatted lines.
class CharmDir {
 public:
  explicit CharmDir(const std::string& name = "mycharm") {
    std::string pattern = (fs::temp_directory_path() / "proof-test-XXXXXX").string();
    m_root = ::mkdtemp(pattern.data());
    m_dir = m_root / name;
    fs::create_directories(m_dir);
  }
  ~CharmDir() { fs::remove_all(m_root); }
  CharmDir(const CharmDir&) = delete;
  CharmDir& operator=(const CharmDir&) = delete;

  void write(const std::string& relpath, const std::string& text, fs::perms mode = fs::perms(0644)) const {
    fs::path path = m_dir / relpath;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    fs::permissions(path, mode);
  }
  void executable(const std::string& relpath, const std::string& text = "#!/bin/sh\n") const {
    write(relpath, text, fs::perms(0755));
  }
  std::vector<std::string> proof() const {
    std::vector<std::string> lines;
    for (const auto& finding : proof::proof_charm(m_dir).findings) lines.push_back(proof::format_finding(finding));
    return lines;
  }
  int exit_code() const { return proof::proof_charm(m_dir).exit_code(); }
  const fs::path& dir() const { return m_dir; }

 private:
  fs::path m_root, m_dir;
};

}  // namespace proof_test
