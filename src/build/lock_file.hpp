// build.lock: pins the revisions of remote layers and interfaces (charm-tools' lock file).
// Parsing and rendering take and give text; read_lock_file/write_lock_file do the file work.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "build/context.hpp"

namespace build {

// A {"type": "layer"} entry; interfaces are layer entries too ("interface:http").
struct LayerLock {
  std::string item;                   // the include as written; the charm name for the top layer
  std::optional<std::string> url;     // where it was fetched from; null for local layers
  std::optional<std::string> branch;  // charm-tools records the revision here too
  std::string commit;                 // "" when the layer had no revision
};

// A {"type": "python_module"} entry; charm-build never writes these but honours them.
struct PythonModuleLock {
  std::string package;
  std::string version;
  std::optional<std::string> vcs;     // null (a PyPI release) or "git"
  std::optional<std::string> url;     // the git URL when vcs is "git"
  std::optional<std::string> branch;
};

struct LockFile {
  std::vector<LayerLock> layers;               // one per item; a later duplicate wins
  std::vector<PythonModuleLock> modules;       // one per package; a later duplicate wins, in place
  std::vector<std::string> ignored;            // descriptions of entries of unknown type

  const LayerLock* find(const std::string& item) const;
};

enum class UseBranches { no, yes };

// Parses lock-file text. Throws util::BuildError saying what is wrong (without the file name).
LockFile parse_lock_file(const std::string& text);

// The revision a lock entry pins: the commit, or with --use-lock-file-branches the branch
// (without "refs/heads/") unless it is master or main. "" means the default branch.
std::string locked_revision(const LayerLock& lock, UseBranches use_branches);

// The lock's Python modules as wheelhouse.txt lines: `pkg==version`, or for git
// `URL@version#egg=pkg` (`URL@branch#egg=pkg` with --use-lock-file-branches).
std::vector<std::string> python_module_lines(const LockFile& lock, UseBranches use_branches);

// The lock-file text for a build: each layer bottom-up, then each interface; indent 2,
// insertion key order, ASCII only, no trailing newline (byte-compatible with charm-tools).
std::string render_lock_file(const std::vector<Layer>& layers, const std::vector<Layer>& interfaces);

// Reads `file` as charm-tools does: nullopt (with an info line) when it does not exist.
// Throws util::BuildError naming the file when it is malformed.
std::optional<LockFile> read_lock_file(const std::filesystem::path& file, const std::filesystem::path& cwd,
                                       Diagnostics& diag);

// Writes <top layer>/build.lock for a finished build (--write-lock-file), replacing it whole.
// Warns when the file it replaces pinned Python modules, which charm-build cannot lock.
void write_lock_file(BuildContext& ctx);

}  // namespace build
