// Collects errors and warnings so that one run reports every broken layer; the driver calls
// checkpoint() between stages, which throws when any error was reported.
#pragma once
#include <string>
#include <vector>

namespace build {

class Diagnostics {
 public:
  enum class Logging { on, off };
  explicit Diagnostics(Logging logging = Logging::on) : m_logging(logging) {}
  void error(const std::string& message);
  void warning(const std::string& message);
  void info(const std::string& message);
  void debug(const std::string& message);
  size_t error_count() const { return m_errors.size(); }
  const std::vector<std::string>& errors() const { return m_errors; }
  const std::vector<std::string>& warnings() const { return m_warnings; }
  // Throws BuildError summarising the errors reported so far, if any.
  void checkpoint() const;

 private:
  Logging m_logging;
  std::vector<std::string> m_errors;
  std::vector<std::string> m_warnings;
};

}  // namespace build
