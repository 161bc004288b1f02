#include "yaml/value.hpp"

#include <cmath>

namespace yaml {

Value Value::boolean(bool b) {
  Value v;
  v.m_kind = Kind::boolean;
  v.m_bool = b;
  v.m_text = b ? "true" : "false";
  return v;
}

Value Value::integer(long long i) {
  Value v;
  v.m_kind = Kind::integer;
  v.m_int = i;
  v.m_double = static_cast<double>(i);
  v.m_text = std::to_string(i);
  return v;
}

Value Value::big_integer(std::string decimal_text) {
  Value v;
  v.m_kind = Kind::integer;
  v.m_double = std::stod(decimal_text);
  v.m_text = std::move(decimal_text);
  return v;
}

Value Value::floating(double d, std::string text) {
  Value v;
  v.m_kind = Kind::floating;
  v.m_double = d;
  v.m_text = std::move(text);
  return v;
}

Value Value::timestamp(std::string text) {
  Value v;
  v.m_kind = Kind::timestamp;
  v.m_text = std::move(text);
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.m_kind = Kind::string;
  v.m_text = std::move(s);
  return v;
}

Value Value::sequence() {
  Value v;
  v.m_kind = Kind::sequence;
  return v;
}

Value Value::mapping() {
  Value v;
  v.m_kind = Kind::mapping;
  return v;
}

bool Value::truthy() const {
  switch (m_kind) {
    case Kind::null: return false;
    case Kind::boolean: return m_bool;
    case Kind::integer: return m_text != "0";
    case Kind::floating: return m_double != 0.0;  // NaN is truthy, as in Python
    case Kind::timestamp: return true;
    case Kind::string: return !m_text.empty();
    case Kind::sequence: return !m_items.empty();
    case Kind::mapping: return !m_entries.empty();
  }
  return false;
}

const Value* Value::find(std::string_view key) const {
  for (const auto& [k, v] : m_entries)
    if (k.m_kind == Kind::string && k.m_text == key) return &v;
  return nullptr;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

const Value* Value::find(const Value& key) const {
  for (const auto& [k, v] : m_entries)
    if (k == key) return &v;
  return nullptr;
}

Value* Value::find(const Value& key) { return const_cast<Value*>(static_cast<const Value*>(this)->find(key)); }

void Value::set(Value key, Value value) {
  if (Value* existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  m_entries.emplace_back(std::move(key), std::move(value));
}

bool Value::erase(std::string_view key) {
  for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
    if (it->first.m_kind == Kind::string && it->first.m_text == key) {
      m_entries.erase(it);
      return true;
    }
  }
  return false;
}

namespace {

bool is_numeric(Value::Kind k) {
  return k == Value::Kind::boolean || k == Value::Kind::integer || k == Value::Kind::floating;
}

double numeric_value(const Value& v) {
  if (v.kind() == Value::Kind::boolean) return v.as_bool() ? 1 : 0;
  return v.as_double();
}

}  // namespace

bool operator==(const Value& a, const Value& b) {
  if (a.m_kind != b.m_kind) {
    if (is_numeric(a.m_kind) && is_numeric(b.m_kind)) return numeric_value(a) == numeric_value(b);
    return false;
  }
  switch (a.m_kind) {
    case Value::Kind::null: return true;
    case Value::Kind::boolean: return a.m_bool == b.m_bool;
    case Value::Kind::integer: return a.m_text == b.m_text;
    case Value::Kind::floating: return a.m_double == b.m_double;
    case Value::Kind::timestamp:
    case Value::Kind::string: return a.m_text == b.m_text;
    case Value::Kind::sequence: return a.m_items == b.m_items;
    case Value::Kind::mapping: {
      // Python dict equality ignores order.
      if (a.m_entries.size() != b.m_entries.size()) return false;
      for (const auto& [k, v] : a.m_entries) {
        const Value* other = b.find(k);
        if (!other || !(*other == v)) return false;
      }
      return true;
    }
  }
  return false;
}

const char* kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::null: return "null";
    case Value::Kind::boolean: return "boolean";
    case Value::Kind::integer: return "integer";
    case Value::Kind::floating: return "float";
    case Value::Kind::timestamp: return "timestamp";
    case Value::Kind::string: return "string";
    case Value::Kind::sequence: return "list";
    case Value::Kind::mapping: return "mapping";
  }
  return "?";
}

}  // namespace yaml
