#include "build/diagnostics.hpp"

#include <spdlog/spdlog.h>

#include "util/error.hpp"

namespace build {

void Diagnostics::error(const std::string& message) {
  if (m_logging == Logging::on) spdlog::error("{}", message);
  m_errors.push_back(message);
}

void Diagnostics::warning(const std::string& message) {
  if (m_logging == Logging::on) spdlog::warn("{}", message);
  m_warnings.push_back(message);
}

void Diagnostics::info(const std::string& message) {
  if (m_logging == Logging::on) spdlog::info("{}", message);
}

void Diagnostics::debug(const std::string& message) {
  if (m_logging == Logging::on) spdlog::debug("{}", message);
}

void Diagnostics::checkpoint() const {
  if (m_errors.empty()) return;
  // Each error was already logged where it was found; the summary only counts them.
  throw util::BuildError(m_errors.size() == 1 ? "build failed (1 error above)"
                                              : "build failed (" + std::to_string(m_errors.size()) + " errors above)");
}

}  // namespace build
