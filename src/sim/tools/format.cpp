#include "sim/tools/format.hpp"

#include <algorithm>

#include "sim/tools/utf8.hpp"

namespace sim::tools {

GoValue GoValue::boolean(bool b) {
  GoValue v;
  v.m_kind = Kind::boolean;
  v.m_bool = b;
  return v;
}
GoValue GoValue::integer(long long i) {
  GoValue v;
  v.m_kind = Kind::integer;
  v.m_int = i;
  return v;
}
GoValue GoValue::floating(double d) {
  GoValue v;
  v.m_kind = Kind::floating;
  v.m_double = d;
  return v;
}
GoValue GoValue::string(std::string s) {
  GoValue v;
  v.m_kind = Kind::string;
  v.m_text = std::move(s);
  return v;
}
GoValue GoValue::strings(std::vector<std::string> items) {
  GoValue v;
  v.m_kind = Kind::string_list;
  for (auto& s : items) v.m_items.push_back(string(std::move(s)));
  return v;
}
GoValue GoValue::list(std::vector<GoValue> items) {
  GoValue v;
  v.m_kind = Kind::list;
  v.m_items = std::move(items);
  return v;
}
GoValue GoValue::map(std::vector<Field> fields) {
  GoValue v;
  v.m_kind = Kind::map;
  v.m_fields = std::move(fields);
  return v;
}
GoValue GoValue::record(std::vector<Field> fields) {
  GoValue v = map(std::move(fields));
  v.m_kind = Kind::record;
  return v;
}
GoValue GoValue::string_map(const std::map<std::string, std::string>& bag) {
  std::vector<Field> fields;
  fields.reserve(bag.size());
  for (const auto& [k, val] : bag) fields.emplace_back(k, string(val));
  return map(std::move(fields));
}

GoValue GoValue::from_json(const nlohmann::json& j, bool numbers_as_float) {
  switch (j.type()) {
    case nlohmann::json::value_t::boolean: return boolean(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return numbers_as_float ? floating(static_cast<double>(j.get<long long>())) : integer(j.get<long long>());
    case nlohmann::json::value_t::number_unsigned:
      return numbers_as_float ? floating(static_cast<double>(j.get<unsigned long long>()))
                              : integer(static_cast<long long>(j.get<unsigned long long>()));
    case nlohmann::json::value_t::number_float: return floating(j.get<double>());
    case nlohmann::json::value_t::string: return string(j.get<std::string>());
    case nlohmann::json::value_t::array: {
      std::vector<GoValue> items;
      for (const auto& item : j) items.push_back(from_json(item, numbers_as_float));
      return list(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      std::vector<Field> fields;
      for (const auto& [k, item] : j.items()) fields.emplace_back(k, from_json(item, numbers_as_float));
      return map(std::move(fields));
    }
    default: return GoValue();
  }
}

// --- encoding/json ----------------------------------------------------------------------

namespace {

void json_string(std::string& out, const std::string& s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    char32_t cp;
    size_t n = decode_utf8(s, i, cp);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
    } else if (cp == 0x2028 || cp == 0x2029) {
      out += cp == 0x2028 ? "\\u2028" : "\\u2029";
      i += n;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  out += '"';
}

void json_value(std::string& out, const GoValue& v) {
  using Kind = GoValue::Kind;
  switch (v.kind()) {
    case Kind::nil: out += "null"; break;
    case Kind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case Kind::integer: out += std::to_string(v.as_int()); break;
    case Kind::floating: out += go_float_json(v.as_double()); break;
    case Kind::string: json_string(out, v.text()); break;
    case Kind::string_list:
    case Kind::list:
      out += '[';
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        json_value(out, v.items()[i]);
      }
      out += ']';
      break;
    case Kind::map:
    case Kind::record: {
      std::vector<const GoValue::Field*> fields;
      for (const auto& f : v.fields()) fields.push_back(&f);
      if (v.kind() == Kind::map)
        std::sort(fields.begin(), fields.end(), [](auto* a, auto* b) { return a->first < b->first; });
      out += '{';
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        json_string(out, fields[i]->first);
        out += ':';
        json_value(out, fields[i]->second);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string format_json(const GoValue& value) {
  std::string out;
  json_value(out, value);
  return out + "\n";
}

std::string format_smart(const GoValue& value) {
  std::string text;
  switch (value.kind()) {
    case GoValue::Kind::nil: return "";
    case GoValue::Kind::string: text = value.text(); break;
    case GoValue::Kind::boolean: text = value.as_bool() ? "True" : "False"; break;
    case GoValue::Kind::string_list:
      for (size_t i = 0; i < value.items().size(); ++i) text += (i ? "\n" : "") + value.items()[i].text();
      break;
    default: return format_yaml(value);
  }
  return text.empty() ? "" : text + "\n";
}

std::string format_output(const GoValue& value, const std::string& format) {
  if (format == "json") return format_json(value);
  if (format == "yaml") return format_yaml(value);
  return format_smart(value);
}

}  // namespace sim::tools
