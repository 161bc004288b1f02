// Log setup: levels and colour on a terminal, plain text when piped; everything on stderr so
// that stdout carries only the report and machine-readable output.
#pragma once
#include <string>

namespace cli {

void setup_logging();
// Accepts Python logging level names, case-insensitive.
void set_log_level(const std::string& level);

}  // namespace cli
