// One hook-tool invocation being served, and what the tools share: the output flags and
// writer, the -r relation flag, leadership as Juju's hook context sees it.
#pragma once
#include <string>
#include <vector>

#include "sim/tools/flags.hpp"
#include "sim/tools/format.hpp"
#include "sim/tools/tool.hpp"

namespace sim::tools {

class ToolCall {
 public:
  ToolCall(HookSession& session, const ToolRequest& request) : session(session), request(request) {}

  HookSession& session;
  const ToolRequest& request;
  ToolResponse response;

  // Parses argv[1..] against the command; throws HelpRequested or UsageError.
  std::vector<std::string> parse(const Command& command) const;
  // --format smart|yaml|json and -o/--output FILE, as juju/cmd's Output adds them.
  void add_output_flags(Command& command);
  const std::string& format() const { return m_format; }
  // Prints the value in the chosen format, to stdout or to the -o file (the client writes it).
  void write(const GoValue& value);
  // Adds text to stderr as is (Juju's deprecation notes have no newline).
  void note(const std::string& text) { response.err += text; }

  // -r/--relation: "db:3" or "3" (the text after the last colon counts), defaulting to the
  // hook's relation; relation_id is -1 outside a relation hook.
  void add_relation_flag(Command& command, int& relation_id) const;
  int hook_relation_id() const { return session.context().relation_id; }
  // A relation this unit's application is part of, or nullptr.
  const Relation* find_relation(int id) const;
  Relation& relation(int id) const;  // one that find_relation() accepted

  // Juju's leadership check: once this hook learned the unit is not the leader, it stays so.
  bool is_leader() const;
  // The running action, or RunError("not running an action").
  ActionRecord& action() const;

 private:
  std::string m_format = "smart";
  std::string m_output_path;
};

}  // namespace sim::tools
