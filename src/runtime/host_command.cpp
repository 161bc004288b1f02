// CommandError and the checked command runner of host_command.hpp.
#include "runtime/host_command.hpp"

#include <cctype>
#include <stdexcept>

namespace charm {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

// apt-get can write pages of stderr; the message keeps its end, where the reason is.
std::string tail(const std::string& text, size_t max_chars = 2000) {
  if (text.size() <= max_chars) return text;
  return "..." + text.substr(text.size() - max_chars);
}

std::string error_message(const std::vector<std::string>& argv, int exit_code, const std::string& err) {
  std::string message = detail::command_line(argv) + " failed (exit " + std::to_string(exit_code) + ")";
  std::string reason = trimmed(err);
  if (!reason.empty()) message += ": " + tail(reason);
  return message;
}

}  // namespace

CommandError::CommandError(std::vector<std::string> argv, int exit_code, std::string stderr_text)
    : std::runtime_error(error_message(argv, exit_code, stderr_text)),
      m_argv(std::move(argv)),
      m_exit_code(exit_code),
      m_stderr(std::move(stderr_text)) {}

namespace detail {

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& arg : argv) {
    if (!line.empty()) line += ' ';
    bool plain = !arg.empty() && arg.find_first_of(" \t\n'\"\\$`;&|<>()*?[]{}~#!") == std::string::npos;
    if (plain) {
      line += arg;
      continue;
    }
    line += '\'';
    for (char c : arg) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

ProcessResult run_checked(const std::vector<std::string>& argv) {
  ProcessResult result = run_process(argv);
  if (!result.started)
    throw CommandError(argv, result.exit_code, result.err + " (is it installed and on PATH?)");
  if (result.exit_code != 0) throw CommandError(argv, result.exit_code, result.err);
  return result;
}

void require_operand(const std::string& value, const char* what) {
  if (value.empty()) throw std::invalid_argument(std::string(what) + " is empty");
  if (value.front() == '-')
    throw std::invalid_argument(std::string(what) + " '" + value + "' starts with '-' and would be read as an option");
}

}  // namespace detail
}  // namespace charm
