#include "sim/tools/tool_call.hpp"

namespace sim::tools {

std::vector<std::string> ToolCall::parse(const Command& command) const {
  std::vector<std::string> args(request.argv.begin() + (request.argv.empty() ? 0 : 1), request.argv.end());
  return parse_flags(command, args);
}

void ToolCall::add_output_flags(Command& command) {
  Flag format;
  format.names = {"format"};
  format.help = "Specify output format (json|smart|yaml)";
  format.default_text = "smart";
  format.set = [this](const std::string& v) -> std::string {
    if (v != "smart" && v != "yaml" && v != "json") return "unknown format " + go_quote(v);
    m_format = v;
    return "";
  };
  command.flags.push_back(std::move(format));
  command.flags.push_back(string_flag({"o", "output"}, m_output_path, "Specify an output file"));
}

void ToolCall::write(const GoValue& value) {
  response.out += format_output(value, m_format);
  response.output_file = m_output_path;
}

void ToolCall::add_relation_flag(Command& command, int& relation_id) const {
  relation_id = hook_relation_id();
  Flag flag;
  flag.names = {"r", "relation"};
  flag.help = "Specify a relation by id";
  if (const Relation* hook = relation_id >= 0 ? find_relation(relation_id) : nullptr)
    flag.default_text = hook->id_for(session.unit().application());
  flag.set = [this, &relation_id](const std::string& value) -> std::string {
    const size_t colon = value.rfind(':');
    long long id = 0;
    if (!parse_go_int(colon == std::string::npos ? value : value.substr(colon + 1), id)) return "invalid relation id";
    // Juju 3.x: ctx.Relation(id) fails with errors.NotFoundf("relation"); the endpoint
    // name before the colon is not checked (relationIdValue.Set).
    if (id < 0 || id > 0x7fffffff || !find_relation(static_cast<int>(id))) return "relation not found";
    relation_id = static_cast<int>(id);
    return "";
  };
  command.flags.push_back(std::move(flag));
}

const Relation* ToolCall::find_relation(int id) const {
  const Relation* rel = session.model().relation(id);
  if (!rel || !rel->involves(session.unit().application())) return nullptr;
  return rel;
}

Relation& ToolCall::relation(int id) const {
  Relation* rel = session.model().relation(id);
  if (!rel) throw RunError("relation not found");
  return *rel;
}

bool ToolCall::is_leader() const {
  if (session.learned_not_leader) return false;
  if (session.unit().leader) return true;
  session.learned_not_leader = true;
  return false;
}

ActionRecord& ToolCall::action() const {
  ActionRecord* rec = session.action();
  if (!rec) throw RunError("not running an action");
  return *rec;
}

}  // namespace sim::tools
