// relation-set (hook-tools.md §5; juju/juju worker/uniter/runner/jujuc/relation-set.go):
// key=value arguments over an optional --file YAML map, buffered until the hook succeeds.
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iterator>

#include "sim/tools/tool_list.hpp"
#include "sim/tools/yaml_scalar.hpp"

namespace sim::tools {

namespace {

const char* const relation_set_doc = R"(
"relation-set" writes the local unit's settings for some relation.
If no relation is specified then the current relation is used. The
setting values are not inspected and are stored as strings. Setting
an empty string causes the setting to be removed. Duplicate settings
are not allowed.

The --file option should be used when one or more key-value pairs are
too long to fit within the command length limit of the shell or
operating system. The file will contain a YAML map containing the
settings.  Settings in the file will be overridden by any duplicate
key-value arguments. A value of "-" for the filename means <stdin>.
)";

// yaml.v2's short tag and value excerpt in "cannot unmarshal !!str `hello` into ...".
std::string describe_node(const YAML::Node& node) {
  if (node.IsSequence()) return "!!seq";
  if (node.IsMap()) return "!!map";
  const std::string value = node.Scalar();
  std::string tag = "!!str";
  if (node.Tag() != "!" && resolves_to_non_string(value)) {
    const std::string& v = value;
    if (v == "~" || v == "null" || v == "Null" || v == "NULL") tag = "!!null";
    else if (v.find_first_of("0123456789") == std::string::npos) tag = "!!bool";
    else if (v.find_first_of(".eE") == std::string::npos || v.rfind("0x", 0) == 0) tag = "!!int";
    else tag = "!!float";
  }
  return tag + (value.size() > 10 ? " `" + value.substr(0, 7) + "...`" : " `" + value + "`");
}

// yaml.v2 Unmarshal into map[string]string: scalars keep their text, null becomes "" (so it
// deletes), anything else is an error. JSON is YAML, so ops' `--file -` JSON works too.
std::map<std::string, std::string> parse_settings_file(const std::string& text) {
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw RunError("yaml: line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  std::map<std::string, std::string> out;
  if (!doc.IsDefined() || doc.IsNull()) return out;
  if (!doc.IsMap())
    throw RunError("yaml: unmarshal errors:\n  line " + std::to_string(doc.Mark().line + 1) + ": cannot unmarshal " +
                   describe_node(doc) + " into map[string]string");
  std::string errors;
  for (const auto& entry : doc) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    const YAML::Node& value = entry.second;
    if (value.IsNull()) {
      out[key] = "";
    } else if (value.IsScalar()) {
      out[key] = value.Scalar();
    } else {
      errors += "\n  line " + std::to_string(value.Mark().line + 1) + ": cannot unmarshal " + describe_node(value) +
                " into string";
    }
  }
  if (!errors.empty()) throw RunError("yaml: unmarshal errors:" + errors);
  return out;
}

}  // namespace

void relation_set(ToolCall& call) {
  int relation_id = -1;
  bool app = false;
  bool file_given = false;
  std::string file_path, format_flag;
  Command cmd{"relation-set", "key=value [key=value ...]", "set relation settings", relation_set_doc, {}};
  call.add_relation_flag(cmd, relation_id);
  Flag file;
  file.names = {"file"};
  file.help = "file containing key-value pairs";
  file.set = [&](const std::string& v) {
    file_path = v;
    file_given = true;
    return std::string();
  };
  cmd.flags.push_back(std::move(file));
  cmd.flags.push_back(bool_flag({"app"}, app, "pick whether you are setting \"application\" settings or \"unit\" settings"));
  cmd.flags.push_back(string_flag({"format"}, format_flag, "deprecated format flag"));
  auto args = call.parse(cmd);
  if (relation_id == -1) throw UsageError("no relation id specified");
  const auto overrides = parse_key_values(args);

  if (!format_flag.empty()) call.note("--format flag deprecated for command \"relation-set\"");
  std::map<std::string, std::string> settings;
  if (file_given) {
    std::string text;
    if (file_path == "-") {
      text = call.request.stdin_text;  // the client sends the file's content and passes `--file -`
    } else {
      std::ifstream in(file_path, std::ios::binary);
      if (!in) throw RunError("open " + file_path + ": no such file or directory");
      text.assign(std::istreambuf_iterator<char>(in), {});
    }
    settings = parse_settings_file(text);
  }
  for (const auto& [key, value] : overrides) settings[key] = value;

  call.relation(relation_id);
  if (app && !call.is_leader()) throw RunError("cannot write relation settings");
  const std::string owner = app ? call.session.unit().application() : call.session.unit().name;
  PendingBag& pending = call.session.relation_writes[relation_id][owner];
  for (const auto& [key, value] : settings)
    pending[key] = value.empty() ? std::nullopt : std::optional<std::string>(value);
}

}  // namespace sim::tools
