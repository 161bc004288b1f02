// daemon.json parsing with positions, dockerd flag names, and the DOCKER_OPTS line.
#include "runtime/docker_opts_text.hpp"

#include <algorithm>
#include <map>

#include "charm/docker_daemon_options.hpp"

namespace charm::docker {
namespace {

const char* type_name(const nlohmann::json& value) {
  if (value.is_array()) return "an array";
  if (value.is_string()) return "a string";
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "a boolean";
  return "null";
}

// "line L, column C", then the line and a caret under the byte at `offset`.
std::string position_text(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(line_start), '\n'));
  size_t column = offset - line_start + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + "\n  " +
         std::string(text.substr(line_start, line_end - line_start)) + "\n  " + std::string(column - 1, ' ') + "^";
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: " prefix.
std::string parse_problem(const std::string& what) {
  size_t column = what.find("column ");
  size_t colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

nlohmann::json parse_daemon_json(std::string_view text, std::string_view source) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return nlohmann::json::object();
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts the bytes read, the offending one included.
    size_t offset = e.byte == 0 ? 0 : e.byte - 1;
    throw DaemonOptionsError(std::string(source) + ": invalid JSON at " + position_text(text, offset) + "\n" +
                             parse_problem(e.what()) + "; nothing was written");
  }
  if (!parsed.is_object())
    throw DaemonOptionsError(std::string(source) + ": must be a JSON object ({\"key\": value, ...}), not " +
                             type_name(parsed) + "; nothing was written");
  return parsed;
}

namespace detail {

std::string daemon_json_key_for_flag(std::string_view flag) {
  while (!flag.empty() && flag.front() == '-') flag.remove_prefix(1);
  // Flags that daemon.json spells differently (plural lists and maps, short forms).
  static const std::map<std::string, std::string, std::less<>> renamed = {
      {"add-runtime", "runtimes"},
      {"authorization-plugin", "authorization-plugins"},
      {"b", "bridge"},
      {"cluster-store-opt", "cluster-store-opts"},
      {"D", "debug"},
      {"default-address-pool", "default-address-pools"},
      {"default-ulimit", "default-ulimits"},
      {"dns-opt", "dns-opts"},
      {"exec-opt", "exec-opts"},
      {"G", "group"},
      {"H", "hosts"},
      {"host", "hosts"},
      {"insecure-registry", "insecure-registries"},
      {"l", "log-level"},
      {"label", "labels"},
      {"log-opt", "log-opts"},
      {"node-generic-resource", "node-generic-resources"},
      {"p", "pidfile"},
      {"registry-mirror", "registry-mirrors"},
      {"storage-opt", "storage-opts"},
  };
  auto it = renamed.find(flag);
  return it != renamed.end() ? it->second : std::string(flag);
}

std::optional<std::string> flag_name_of_word(std::string_view word) {
  if (word.size() < 2 || word.front() != '-') return std::nullopt;
  while (!word.empty() && word.front() == '-') word.remove_prefix(1);
  return std::string(word.substr(0, word.find('=')));
}

std::optional<std::string> unsafe_word_reason(std::string_view word) {
  if (word.empty()) return "it is empty";
  for (char c : word) {
    auto byte = static_cast<unsigned char>(c);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return "it contains whitespace";
    if (byte < 0x20 || byte == 0x7f) return "it contains a control character";
    if (c == '"' || c == '\'') return "it contains a quote";
    if (c == '\\') return "it contains a backslash";
    if (c == '*' || c == '?' || c == '[') return "it contains a glob character (*, ? or [)";
  }
  return std::nullopt;
}

std::string docker_opts_line(const std::vector<std::string>& words) {
  std::string line = "DOCKER_OPTS=\"";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) line += ' ';
    for (char c : words[i]) {
      if (c == '$' || c == '`') line += '\\';  // no expansion while the file is read
      line += c;
    }
  }
  return line + "\"";
}

namespace {

bool assigns_docker_opts(std::string_view line) {
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  if (line.rfind("export ", 0) == 0) line.remove_prefix(line.find_first_not_of(' ', 7));
  return line.rfind("DOCKER_OPTS=", 0) == 0;
}

}  // namespace

std::string replace_docker_opts_line(const std::string& existing, const std::string& line,
                                     const std::string& daemon_json_path) {
  if (existing.empty()) {
    return "# Written by the charm. dockerd's configuration is " + daemon_json_path +
           ";\n# DOCKER_OPTS holds only flags that file does not set (dockerd refuses both).\n" + line + "\n";
  }
  std::string result;
  bool replaced = false;
  size_t start = 0;
  while (start < existing.size()) {
    size_t end = existing.find('\n', start);
    std::string_view current(existing.data() + start, (end == std::string::npos ? existing.size() : end) - start);
    if (!assigns_docker_opts(current)) {
      result.append(current).append("\n");
    } else if (!replaced) {
      result.append(line).append("\n");
      replaced = true;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (!replaced) result.append(line).append("\n");
  return result;
}

}  // namespace detail
}  // namespace charm::docker
