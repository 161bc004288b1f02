#include "proof/yaml11.hpp"

#include <algorithm>

namespace proof {

namespace {

// The first line that is neither blank nor a comment: where a `---` or a directive would be.
std::string_view first_content_line(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] != '#') return line;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return {};
}

bool starts_document(std::string_view line) {
  return line.rfind("---", 0) == 0 && (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

}  // namespace

yaml::Value load_yaml11(std::string_view text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);  // UTF-8 BOM
  // The YAML module types scalars by 1.1 rules under a `%YAML 1.1` directive. A directive must
  // be followed by `---`, so add one unless the document starts with its own.
  std::string_view first = first_content_line(text);
  std::string prefix;
  if (first.rfind('%', 0) != 0) prefix = starts_document(first) ? "%YAML 1.1\n" : "%YAML 1.1\n---\n";
  int shift = prefix.empty() ? 0 : (starts_document(first) ? 1 : 2);
  yaml::Value value;
  try {
    value = yaml::load(prefix + std::string(text));
  } catch (const yaml::ParseError& e) {
    yaml::Mark mark = e.mark();
    mark.line = std::max(1, mark.line - shift);
    throw yaml::ParseError(mark, e.problem());
  }
  // yaml::load turns an empty or null document into {} marked at 1:1, a line that only our
  // directive can occupy: a real `{}` sits on a later line.
  if (value.is_mapping() && value.size() == 0 && value.mark().line <= 1 && shift > 0) return yaml::Value::null();
  return value;
}

std::string describe_parse_error(const yaml::ParseError& error) {
  return std::to_string(error.mark().line) + ":" + std::to_string(error.mark().column) + ": " + error.problem();
}

}  // namespace proof
