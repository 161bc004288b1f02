// juju-log and action-log (hook-tools.md §5; juju/juju worker/uniter/runner/jujuc/juju-log.go,
// action-log.go). Both write at once; nothing goes to stdout.
#include <algorithm>
#include <cctype>

#include "sim/tools/tool_list.hpp"

namespace sim::tools {

namespace {

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

void log_line(ToolCall& call, const std::string& level, const std::string& text) {
  if (call.session.log) call.session.log(level, text);
}

}  // namespace

void juju_log(ToolCall& call) {
  bool debug = false;
  std::string level = "INFO", format_flag;
  Command cmd{"juju-log", "<message>", "write a message to the juju log", "", {}};
  cmd.flags.push_back(bool_flag({"debug"}, debug, "log at debug level"));
  Flag level_flag = string_flag({"l", "log-level"}, level, "Send log message at the given level");
  cmd.flags.push_back(std::move(level_flag));
  cmd.flags.push_back(string_flag({"format"}, format_flag, "deprecated format flag"));
  auto args = call.parse(cmd);
  if (args.empty()) throw UsageError("no message specified");
  const std::string message = join_words(args);

  if (!format_flag.empty()) call.note("--format flag deprecated for command \"juju-log\"");
  // loggo.ParseLevel: case-insensitive, WARN is WARNING; an unknown level logs a warning and
  // the message goes out at INFO.
  std::string chosen = "INFO";
  if (debug) {
    chosen = "DEBUG";
  } else if (!level.empty()) {
    std::string upper = level;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    if (upper == "WARN") upper = "WARNING";
    if (upper == "TRACE" || upper == "DEBUG" || upper == "INFO" || upper == "WARNING" || upper == "ERROR" ||
        upper == "CRITICAL")
      chosen = upper;
    else
      log_line(call, "WARNING", "Specified log level of " + go_quote(level) + " is not valid");
  }
  // In a relation hook the message carries the relation, as "db:2: message".
  std::string prefix;
  if (const Relation* rel = call.find_relation(call.hook_relation_id()))
    prefix = rel->id_for(call.session.unit().application()) + ": ";
  log_line(call, chosen, prefix + message);
}

void action_log(ToolCall& call) {
  Command cmd{"action-log", "<message>", "record a progress message for the current action", "", {}};
  auto args = call.parse(cmd);
  if (args.empty()) throw UsageError("no message specified");
  const std::string message = join_words(args);
  ActionRecord& action = call.action();
  action.log.push_back(message);
  log_line(call, "INFO", message);
}

}  // namespace sim::tools
