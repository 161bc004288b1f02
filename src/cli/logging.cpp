#include "cli/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace cli {

void setup_logging() {
  auto logger = spdlog::stderr_color_mt("charm-build");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);
}

void set_log_level(const std::string& level) {
  std::string upper = level;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  if (upper == "DEBUG") spdlog::set_level(spdlog::level::debug);
  else if (upper == "WARNING" || upper == "WARN") spdlog::set_level(spdlog::level::warn);
  else if (upper == "ERROR") spdlog::set_level(spdlog::level::err);
  else if (upper == "CRITICAL") spdlog::set_level(spdlog::level::critical);
  else spdlog::set_level(spdlog::level::info);
}

}  // namespace cli
