#include "yaml/json_convert.hpp"

namespace yaml {

nlohmann::ordered_json to_json(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: return nullptr;
    case Value::Kind::boolean: return value.as_bool();
    case Value::Kind::integer:
      if (value.text() == std::to_string(value.as_int())) return value.as_int();
      return value.as_double();  // beyond 64 bits
    case Value::Kind::floating: return value.as_double();
    case Value::Kind::timestamp:
    case Value::Kind::string: return value.text();
    case Value::Kind::sequence: {
      auto out = nlohmann::ordered_json::array();
      for (const auto& item : value.items()) out.push_back(to_json(item));
      return out;
    }
    case Value::Kind::mapping: {
      auto out = nlohmann::ordered_json::object();
      for (const auto& [k, v] : value.entries()) out[k.text()] = to_json(v);
      return out;
    }
  }
  return nullptr;
}

Value from_json(const nlohmann::ordered_json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null: return Value::null();
    case nlohmann::json::value_t::boolean: return Value::boolean(json.get<bool>());
    case nlohmann::json::value_t::number_integer: return Value::integer(json.get<long long>());
    case nlohmann::json::value_t::number_unsigned: return Value::integer(static_cast<long long>(json.get<unsigned long long>()));
    case nlohmann::json::value_t::number_float: {
      double d = json.get<double>();
      return Value::floating(d, nlohmann::json(d).dump());
    }
    case nlohmann::json::value_t::string: return Value::string(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      Value out = Value::sequence();
      for (const auto& item : json) out.push_back(from_json(item));
      return out;
    }
    case nlohmann::json::value_t::object: {
      Value out = Value::mapping();
      for (const auto& [k, v] : json.items()) out.set(k, from_json(v));
      return out;
    }
    default: return Value::null();
  }
}

}  // namespace yaml
