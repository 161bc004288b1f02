// Running the docker and docker-compose CLIs.
#include "runtime/docker_cli.hpp"

#include <stdexcept>

#include "charm/docker.hpp"

namespace charm::docker {
namespace {

// Container environments often hold passwords: an error message (which ends up in logs) shows
// only the variable's name. DockerError::argv() keeps the real value.
std::string masked(const std::string& arg) {
  if (arg.rfind("--env=", 0) != 0) return arg;
  size_t equals = arg.find('=', 6);
  return equals == std::string::npos ? arg : arg.substr(0, equals + 1) + "***";
}

// The argv as a reader would retype it: arguments with spaces or quotes in single quotes.
std::string display(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& original : argv) {
    std::string arg = masked(original);
    if (!text.empty()) text += ' ';
    bool plain = !arg.empty() && arg.find_first_of(" \t\n'\"\\$`;&|<>()*?[]{}!#~") == std::string::npos;
    if (plain) {
      text += arg;
      continue;
    }
    text += '\'';
    for (char c : arg) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
    text += '\'';
  }
  return text;
}

std::string error_text(const std::vector<std::string>& argv, int exit_code, const std::string& err) {
  std::string text = display(argv) + " failed (exit " + std::to_string(exit_code) + ")";
  std::string trimmed = detail::trim_end(err);
  return trimmed.empty() ? text : text + ": " + trimmed;
}

}  // namespace

DockerError::DockerError(std::vector<std::string> argv, int exit_code, std::string stderr_text)
    : std::runtime_error(error_text(argv, exit_code, stderr_text)),
      m_argv(std::move(argv)),
      m_exit_code(exit_code),
      m_stderr(std::move(stderr_text)) {}

namespace detail {

ProcessResult run_checked(const std::vector<std::string>& argv, std::string_view stdin_text) {
  ProcessResult result = run_process(argv, stdin_text);
  if (!result.started || result.exit_code != 0) throw DockerError(argv, result.exit_code, result.err);
  return result;
}

void require_operand(std::string_view what, const std::string& value) {
  if (value.empty()) throw std::invalid_argument("docker: empty " + std::string(what));
  if (value[0] == '-')
    throw std::invalid_argument("docker: " + std::string(what) + " '" + value +
                                "' starts with '-', which the CLI would read as an option");
}

std::string trim_end(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.pop_back();
  return text;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = trim_end(text.substr(start, end - start));
    if (!line.empty()) result.push_back(std::move(line));
    start = end + 1;
  }
  return result;
}

}  // namespace detail
}  // namespace charm::docker
