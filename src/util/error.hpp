// Errors that end a command. Expected failures come back as values; a BuildError
// is thrown once and caught in main, printed as "charm-build: error: ..." with an exit code.
#pragma once
#include <stdexcept>
#include <string>

namespace util {

enum class ExitCode : int {
  ok = 0,
  build_failed = 1,   // BuildError / FetchError / anything unexpected
  usage = 2,          // bad command line
  proof_warnings = 100,
  proof_errors = 200,
};

class BuildError : public std::runtime_error {
 public:
  explicit BuildError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace util
