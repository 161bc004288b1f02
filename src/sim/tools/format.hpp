// Output of the hook tools exactly as Juju's jujuc writes it (juju/cmd output.go,
// hook-tools.md §4): the value a tool prints keeps the shape of the Go value behind it, because
// Go's type decides the output (a []string prints one per line in smart format, a map is
// YAML; struct fields keep their order while map keys are sorted).
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sim::tools {

class GoValue {
 public:
  enum class Kind { nil, boolean, integer, floating, string, string_list, list, map, record };
  using Field = std::pair<std::string, GoValue>;

  GoValue() = default;
  static GoValue boolean(bool b);
  static GoValue integer(long long i);
  static GoValue floating(double d);
  static GoValue string(std::string s);
  static GoValue strings(std::vector<std::string> items);  // a Go []string
  static GoValue list(std::vector<GoValue> items);          // a Go []interface{}
  static GoValue map(std::vector<Field> fields);            // a Go map: printed with sorted keys
  static GoValue record(std::vector<Field> fields);         // a Go struct: fields in this order
  static GoValue string_map(const std::map<std::string, std::string>& bag);
  // JSON objects become maps. Values that came to Juju's agent over its JSON API (config,
  // action parameters) hold every number as float64: pass numbers_as_float for those.
  static GoValue from_json(const nlohmann::json& j, bool numbers_as_float = false);

  Kind kind() const { return m_kind; }
  bool is_nil() const { return m_kind == Kind::nil; }
  bool as_bool() const { return m_bool; }
  long long as_int() const { return m_int; }
  double as_double() const { return m_double; }
  const std::string& text() const { return m_text; }
  const std::vector<GoValue>& items() const { return m_items; }
  const std::vector<Field>& fields() const { return m_fields; }

 private:
  Kind m_kind = Kind::nil;
  bool m_bool = false;
  long long m_int = 0;
  double m_double = 0;
  std::string m_text;
  std::vector<GoValue> m_items;  // string_list items are strings
  std::vector<Field> m_fields;
};

// Go encoding/json: compact, map keys sorted, <>& escaped, trailing newline; nil is "null".
std::string format_json(const GoValue& value);
// gopkg.in/yaml.v2 with juju/cmd's FormatYaml: "" for nil, else one trailing newline.
std::string format_yaml(const GoValue& value);
// juju/cmd FormatSmart: strings as is, []string one per line, bools True/False, else YAML.
std::string format_smart(const GoValue& value);
// format is "smart", "yaml" or "json" (checked by the --format flag).
std::string format_output(const GoValue& value, const std::string& format);

// Go's number and string spellings, for the formatters and for error messages.
std::string go_float_json(double d);  // encoding/json
std::string go_float_g(double d);     // strconv.FormatFloat(d, 'g', -1, 64)
std::string go_quote(const std::string& s);                 // strconv.Quote, as %q prints
std::string go_quote_list(const std::vector<std::string>& items);  // %q of a []string

// yaml.v2's map key order: digit runs compare as numbers ("app/9" before "app/10").
bool yaml_key_less(const std::string& a, const std::string& b);

}  // namespace sim::tools
