// Reading a scenario file: YAML with marks, ${VAR} expansion, every step checked before any
// runs. A malformed file is reported whole (one problem per bad step) at its lines.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/scenario_types.hpp"

namespace sim::scenario {

// The problems of a malformed scenario, each "FILE:LINE:COL: problem" with the source line
// and a caret, joined by newlines in what().
class SyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// base_dir: where relative charm and resource paths start (the scenario file's directory).
Scenario parse_scenario(std::string_view text, const std::string& file_name, const std::filesystem::path& base_dir,
                        const EnvLookup& env);
// Reads the file and parses it with the process environment. Throws SyntaxError (also for a
// file that cannot be read).
Scenario load_scenario_file(const std::string& path);

// "${HOME}/x" and "$HOME/x" -> "/root/x" ($NAME fits flow mappings, where "{" is syntax);
// "$$" is a literal "$". Throws std::invalid_argument naming an unset variable or a "${"
// without "}".
std::string expand_variables(const std::string& text, const EnvLookup& env);

}  // namespace sim::scenario
