// Discovery and header parsing of shell handlers (shell_handlers.hpp).
#include "runtime/shell_handlers.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "runtime/log_sink.hpp"
#include "runtime/reactive_requests.hpp"
#include "runtime/runtime_context.hpp"
#include "runtime/shell_runner.hpp"

namespace charm::detail {
namespace {

namespace fs = std::filesystem;

// Splits on blanks outside `{...}` (so `{broken, departed}` stays one pattern) and drops one
// level of quotes around a word.
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  int depth = 0;
  bool in_word = false;
  for (char c : text) {
    if ((c == ' ' || c == '\t') && depth == 0) {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}' && depth > 0) --depth;
    word += c;
    in_word = true;
  }
  if (in_word) words.push_back(word);
  for (auto& w : words)
    if (w.size() >= 2 && (w.front() == '\'' || w.front() == '"') && w.back() == w.front()) w = w.substr(1, w.size() - 2);
  return words;
}

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

bool is_candidate(const fs::directory_entry& entry) {
  std::error_code ec;
  if (!entry.is_regular_file(ec)) return false;
  std::string name = entry.path().filename().string();
  if (name.empty() || name[0] == '.') return false;
  std::string ext = entry.path().extension().string();
  if (!ext.empty() && ext != ".sh") return false;
  return ::access(entry.path().c_str(), X_OK) == 0;
}

// Runs the script in the hook, answering charm-reactive with the current runtime context.
void run_script(const fs::path& script) {
  RuntimeContext& ctx = RuntimeContext::current();
  ShellRun run;
  run.script = script;
  run.cwd = ctx.env().charm_dir;
  // Handlers see the hook name even where Juju leaves JUJU_HOOK_NAME empty (actions).
  run.env_overrides["JUJU_HOOK_NAME"] = ctx.env().hook_name;
  run_shell_handler(run, [&ctx](const std::vector<std::string>& args) { return handle_reactive_request(ctx, args); });
}

}  // namespace

std::optional<HandlerSpec> parse_shell_handler(const std::string& text, const std::string& display_path) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // the #! line
  HandlerSpec spec;
  spec.id = display_path;
  spec.source = "shell";
  bool declared = false;
  for (int number = 2; std::getline(in, line); ++number) {
    line = trim_right(line);
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;  // blank lines may separate header comments
    if (line[first] != '#') break;             // the header ends at the first command
    size_t at = line.find_first_not_of(" \t", first + 1);
    if (at == std::string::npos || line[at] != '@') continue;
    size_t name_end = line.find_first_of(" \t", at);
    std::string directive = line.substr(at + 1, name_end == std::string::npos ? std::string::npos : name_end - at - 1);
    std::vector<std::string> args = name_end == std::string::npos ? std::vector<std::string>{} : split_words(line.substr(name_end));
    std::string where = display_path + ":" + std::to_string(number) + ": ";
    if (directive == "only_once") {
      if (!args.empty()) throw std::runtime_error(where + "@only_once takes no arguments");
      spec.only_once = true;
      declared = true;
      continue;
    }
    if (args.empty() && (directive.starts_with("when") || directive == "hook"))
      throw std::runtime_error(where + "@" + directive + " needs at least one argument");
    if (directive == "when" || directive == "when_all") spec.when_all.insert(spec.when_all.end(), args.begin(), args.end());
    else if (directive == "when_not" || directive == "when_none") spec.when_none.insert(spec.when_none.end(), args.begin(), args.end());
    else if (directive == "when_any") spec.when_any.push_back(args);
    else if (directive == "when_not_all") spec.when_not_all.push_back(args);
    else if (directive == "hook") spec.hook_patterns.insert(spec.hook_patterns.end(), args.begin(), args.end());
    else if (directive == "when_file_changed") spec.files_changed.insert(spec.files_changed.end(), args.begin(), args.end());
    else
      throw std::runtime_error(where + "unknown handler directive @" + directive +
                               " (known: @when, @when_all, @when_any, @when_not, @when_none, @when_not_all, @hook, "
                               "@when_file_changed, @only_once)");
    declared = true;
  }
  if (!declared) return std::nullopt;
  return spec;
}

std::vector<HandlerSpec> discover_shell_handlers(const fs::path& charm_dir) {
  std::vector<fs::path> files;
  for (const char* dir : {"reactive", "hooks/reactive"}) {
    std::error_code ec;
    fs::path root = charm_dir / dir;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_directory() && it->path().filename() == "__pycache__") {
        it.disable_recursion_pending();
        continue;
      }
      if (is_candidate(*it)) files.push_back(it->path());
    }
  }
  std::vector<std::pair<std::string, fs::path>> ordered;
  for (const auto& f : files) ordered.emplace_back(f.lexically_relative(charm_dir).string(), f);
  std::sort(ordered.begin(), ordered.end());

  std::vector<HandlerSpec> out;
  for (const auto& [relative, path] : ordered) {
    std::ifstream in(path, std::ios::binary);
    std::string head(2, '\0');
    if (!in.read(head.data(), 2) || head != "#!") continue;  // compiled helpers and data are not handlers
    std::ostringstream rest;
    rest << in.rdbuf();
    auto spec = parse_shell_handler(head + rest.str(), relative);
    if (!spec) {
      write_log(hookcmd::LogLevel::warning, relative + " is executable but declares no conditions (# @when ..., # @hook ...) "
                                            "in its header; it is not run as a handler");
      continue;
    }
    fs::path absolute = fs::absolute(path);
    spec->action = [absolute] { run_script(absolute); };
    out.push_back(std::move(*spec));
  }
  return out;
}

}  // namespace charm::detail
