#include "yaml/load.hpp"

#include <yaml-cpp/yaml.h>

#include <set>
#include <sstream>

#include "yaml/resolve_scalar.hpp"

namespace yaml {

namespace {

Mark mark_of(const YAML::Mark& m) { return Mark{m.line + 1, m.column + 1}; }

constexpr std::string_view core_tag = "tag:yaml.org,2002:";

Value convert_scalar(const YAML::Node& node, YamlVersion version) {
  const std::string& tag = node.Tag();
  const std::string& text = node.Scalar();
  if (tag == "?") return resolve_plain_scalar(text, version);
  if (tag == "!" || tag.empty()) return Value::string(text);  // quoted or block scalar
  if (tag.rfind(core_tag, 0) == 0) {
    std::string_view type = std::string_view(tag).substr(core_tag.size());
    if (type == "str") return Value::string(text);
    Value typed = resolve_plain_scalar(text, version);
    // PyYAML's 1.1 constructors take more than its resolver: !!int "0o17", !!float "1e3".
    if (version == YamlVersion::v1_1 && (type == "int" || type == "float") && typed.is_string())
      typed = resolve_plain_scalar(text, YamlVersion::v1_2);
    bool matches = (type == "int" && typed.kind() == Value::Kind::integer) ||
                   (type == "float" && (typed.kind() == Value::Kind::floating || typed.kind() == Value::Kind::integer)) ||
                   (type == "bool" && typed.kind() == Value::Kind::boolean) ||
                   (type == "null" && typed.is_null()) ||
                   (type == "timestamp" && typed.kind() == Value::Kind::timestamp);
    if (!matches) throw ParseError(mark_of(node.Mark()), "value '" + text + "' is not a valid !!" + std::string(type));
    if (type == "float" && typed.kind() == Value::Kind::integer) return Value::floating(typed.as_double(), text);
    return typed;
  }
  // Application tags (e.g. !secret) carry no meaning for charm files: keep the text.
  return Value::string(text);
}

// A key that can be compared for duplicates: its kind and canonical text.
std::string key_identity(const Value& key) {
  return std::to_string(static_cast<int>(key.kind())) + ":" + key.text();
}

Value convert(const YAML::Node& node, YamlVersion version) {
  Value out;
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      // yaml-cpp reports `~`, `null` and empty values as Null, and quoted "null" as a scalar.
      if (node.Tag() == "!") out = Value::string(node.Scalar());
      break;
    case YAML::NodeType::Scalar: out = convert_scalar(node, version); break;
    case YAML::NodeType::Sequence:
      out = Value::sequence();
      for (const auto& item : node) out.push_back(convert(item, version));
      break;
    case YAML::NodeType::Map: {
      out = Value::mapping();
      std::set<std::string> seen;
      for (const auto& pair : node) {
        Value key = convert(pair.first, version);
        if (!key.is_scalar())
          throw ParseError(mark_of(pair.first.Mark()), "mapping keys must be scalars, found a " +
                                                           std::string(kind_name(key.kind())));
        if (!seen.insert(key_identity(key)).second)
          throw ParseError(mark_of(pair.first.Mark()),
                           "found duplicate key \"" + key.text() + "\" (each key may appear only once in a mapping)");
        key.set_mark(mark_of(pair.first.Mark()));
        out.entries().emplace_back(std::move(key), convert(pair.second, version));
      }
      break;
    }
  }
  out.set_mark(mark_of(node.Mark()));
  return out;
}

YamlVersion version_of(std::string_view text) {
  // Only a directive at the very top counts; ruamel honours it.
  if (text.rfind("%YAML 1.1", 0) == 0) return YamlVersion::v1_1;
  return YamlVersion::v1_2;
}

}  // namespace

Value load(std::string_view text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);  // UTF-8 BOM
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw ParseError(mark_of(e.mark), e.msg);
  }
  Value value = convert(root, version_of(text));
  if (value.is_null()) {
    value = Value::mapping();  // an empty document counts as {}
    value.set_mark(Mark{1, 1});
  }
  return value;
}

std::string format_parse_error(const std::string& file, std::string_view text, const ParseError& error) {
  std::ostringstream out;
  out << file << ":" << error.mark().line << ":" << error.mark().column << ": " << error.problem();
  // Show the offending line with a caret, as compilers do.
  int line_number = 1;
  size_t start = 0;
  while (line_number < error.mark().line && start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
    ++line_number;
  }
  if (line_number == error.mark().line && start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
    out << "\n    " << line << "\n    " << std::string(std::max(0, error.mark().column - 1), ' ') << "^";
  }
  return out.str();
}

}  // namespace yaml
