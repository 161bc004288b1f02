// A typed, ordered YAML value: what charm-tools' ruamel round-trip loader gives, minus comments.
// Mappings keep insertion order because merged files must keep charm-tools' key order.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yaml {

// 1-based position in the source text; line 0 means "not from a file".
struct Mark {
  int line = 0;
  int column = 0;
};

class Value {
 public:
  enum class Kind { null, boolean, integer, floating, timestamp, string, sequence, mapping };
  using Entry = std::pair<Value, Value>;

  Value() = default;
  static Value null() { return Value(); }
  static Value boolean(bool b);
  static Value integer(long long i);
  // Integers beyond 64 bits keep their decimal text.
  static Value big_integer(std::string decimal_text);
  static Value floating(double d, std::string text);
  static Value timestamp(std::string text);
  static Value string(std::string s);
  static Value sequence();
  static Value mapping();

  Kind kind() const { return m_kind; }
  bool is_null() const { return m_kind == Kind::null; }
  bool is_string() const { return m_kind == Kind::string; }
  bool is_sequence() const { return m_kind == Kind::sequence; }
  bool is_mapping() const { return m_kind == Kind::mapping; }
  bool is_scalar() const { return !is_sequence() && !is_mapping(); }

  // Python truthiness: null, false, 0, 0.0, "", [] and {} are false.
  bool truthy() const;

  // Scalar accessors. text() is the canonical text of any scalar (strings: the string itself).
  const std::string& text() const { return m_text; }
  bool as_bool() const { return m_bool; }
  long long as_int() const { return m_int; }
  double as_double() const { return m_double; }

  // Sequences.
  const std::vector<Value>& items() const { return m_items; }
  std::vector<Value>& items() { return m_items; }
  void push_back(Value v) { m_items.push_back(std::move(v)); }

  // Mappings, in insertion order.
  const std::vector<Entry>& entries() const { return m_entries; }
  std::vector<Entry>& entries() { return m_entries; }
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  const Value* find(const Value& key) const;
  Value* find(const Value& key);
  // Sets key to value: replaces in place when present, else appends.
  void set(Value key, Value value);
  void set(std::string_view key, Value value) { set(Value::string(std::string(key)), std::move(value)); }
  bool erase(std::string_view key);
  size_t size() const { return is_mapping() ? m_entries.size() : m_items.size(); }

  const Mark& mark() const { return m_mark; }
  void set_mark(Mark mark) { m_mark = mark; }

  // Deep equality with Python's rules: 1 == 1.0 == true across numeric kinds.
  friend bool operator==(const Value& a, const Value& b);

 private:
  Kind m_kind = Kind::null;
  bool m_bool = false;
  long long m_int = 0;
  double m_double = 0;
  std::string m_text;
  std::vector<Value> m_items;
  std::vector<Entry> m_entries;
  Mark m_mark;
};

// "mapping", "sequence", "string", ...: for error messages.
const char* kind_name(Value::Kind kind);

}  // namespace yaml
