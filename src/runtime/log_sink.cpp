// charm::log and the stderr/juju-log split described in log_sink.hpp.
#include "runtime/log_sink.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "charm/runtime.hpp"

namespace charm::detail {
namespace {

LogObserver& observer() {
  static LogObserver o;
  return o;
}

const char* level_name(hookcmd::LogLevel level) {
  switch (level) {
    case hookcmd::LogLevel::trace: return "TRACE";
    case hookcmd::LogLevel::debug: return "DEBUG";
    case hookcmd::LogLevel::info: return "INFO";
    case hookcmd::LogLevel::warning: return "WARNING";
    case hookcmd::LogLevel::error: return "ERROR";
    case hookcmd::LogLevel::critical: return "CRITICAL";
  }
  return "INFO";
}

// One write(2) per message, so lines never interleave with a child handler's output.
void write_stderr_line(std::string_view text) {
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= size_t(n);
  }
}

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

}  // namespace

bool debug_enabled() {
  static const bool enabled = env_set("JUJU_DEBUG") || env_set("CHARM_DEBUG");
  return enabled;
}

void set_log_observer(LogObserver o) { observer() = std::move(o); }

void write_log(hookcmd::LogLevel level, std::string_view message) {
  bool debug = debug_enabled();
  bool is_debug_level = level == hookcmd::LogLevel::trace || level == hookcmd::LogLevel::debug;
  if (is_debug_level && !debug) return;
  if (observer()) observer()(level, message);

  // Continuation lines are indented so that every record starts with its level.
  std::string line = std::string(level_name(level)) + ": ";
  for (char c : message) {
    line += c;
    if (c == '\n') line += "  ";
  }
  line += '\n';
  write_stderr_line(line);

  bool to_juju_log = debug || level >= hookcmd::LogLevel::warning;
  if (!to_juju_log) return;
  try {
    hookcmd::juju_log(message, level);
  } catch (const std::exception& e) {
    write_stderr_line(std::string("WARNING: juju-log failed: ") + e.what() + "\n");
  }
}

}  // namespace charm::detail

namespace charm {

void log(std::string_view message, hookcmd::LogLevel level) { detail::write_log(level, message); }

}  // namespace charm
