// `charm proof`: charm-tools' charm linter (charms.py CharmLinter / Charm.proof), message for
// message and in the same order, so a build reports exactly what charm-tools would.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace proof {

// I, W and E lines. A fatal finding is an error whose text starts with "FATAL: ".
enum class Level { info, warning, error };

struct Finding {
  Level level;
  std::string message;
};

struct ProofResult {
  std::vector<Finding> findings;  // in upstream order
  // 0 when only I lines (or none), 100 with a W line, 200 with an E line.
  int exit_code() const;
};

// Lints a charm directory (built or hand-written). Bad charm content only ever gives findings;
// throws std::runtime_error("Unable to read from ABSPATH") only when the directory does not exist.
ProofResult proof_charm(const std::filesystem::path& charm_dir);

// "I: msg", "W: msg" or "E: msg", as upstream prints them.
std::string format_finding(const Finding& f);

// "info", "warning" or "error": the level as JSON output names it.
const char* level_name(Level level);

}  // namespace proof
