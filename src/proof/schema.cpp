#include "proof/schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <regex>

#include "proof/python_text.hpp"

namespace proof::schema {

namespace {

Invalid error(const Node& node, std::string msg) { return Invalid{node.name, std::move(msg), {}, false, {}}; }

// Python's `not value`, ignoring numbers equal to zero: what colander's Number treats as absent.
bool absent_number(const yaml::Value& value) {
  return value.is_null() || (value.is_string() && value.text().empty()) ||
         ((value.is_sequence() || value.is_mapping()) && value.size() == 0);
}

// Whether Python's int(value) (or float(value)) succeeds.
bool converts_to_number(const yaml::Value& value, Type type) {
  using Kind = yaml::Value::Kind;
  switch (value.kind()) {
    case Kind::boolean:
    case Kind::integer: return true;
    case Kind::floating: return type == Type::number || std::isfinite(value.as_double());
    case Kind::string: {
      if (type == Type::integer) return py_int_of_text(value.text()) != PyInt::invalid;
      std::string text = value.text();
      for (char& c : text)
        if (c == '_') c = ' ';  // rough: float() accepts 1_0.5
      const char* begin = text.c_str();
      char* end = nullptr;
      std::strtod(begin, &end);
      if (end == begin) return false;
      while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r') ++end;
      return *end == '\0';
    }
    default: return false;
  }
}

}  // namespace

Validator one_of(std::vector<std::string> choices) {
  return [choices = std::move(choices)](const std::string& value) -> std::optional<std::string> {
    std::string listed;
    for (const auto& choice : choices) {
      if (choice == value) return std::nullopt;
      listed += (listed.empty() ? "" : ", ") + choice;
    }
    return "\"" + value + "\" is not one of " + listed;
  };
}

Validator regex(const std::string& pattern, std::string message) {
  auto compiled = std::make_shared<std::regex>(pattern);
  return [compiled, message = std::move(message)](const std::string& value) -> std::optional<std::string> {
    if (py_match_to_end(*compiled, value)) return std::nullopt;
    return message;
  };
}

std::optional<Invalid> deserialize(const Node& node, const yaml::Value* value) {
  // What the type gives: nullopt is colander.null; a string result is kept for validators.
  std::optional<std::string> result;
  bool present = false;
  if (value) {
    switch (node.type) {
      case Type::string:
      case Type::string_or_empty:
        if (node.type == Type::string_or_empty && value->is_string() && value->text().empty()) {
          present = true;
        } else if (!value->truthy()) {
          // `not cstruct`: None, False, 0, "", [] and {} all count as absent
        } else if (value->is_string()) {
          present = true;
        } else {
          return error(node, py_str(*value) + " is not a string: {" + py_repr_string(node.name) + ": ''}");
        }
        if (present) result = value->text();
        break;
      case Type::boolean: {
        std::string text = value->kind() == yaml::Value::Kind::boolean ? (value->as_bool() ? "true" : "false") : "";
        bool valid = !text.empty() || (value->is_string() && (value->text() == "true" || value->text() == "false"));
        if (!valid) return error(node, "\"" + py_str(*value) + "\" is not one of true, false");
        present = true;
        break;
      }
      case Type::integer:
      case Type::number:
        if (absent_number(*value)) break;
        if (!converts_to_number(*value, node.type)) return error(node, "\"" + py_str(*value) + "\" is not a number");
        present = true;
        break;
      case Type::mapping: {
        if (!value->is_mapping())
          return error(node, "\"" + py_str(*value) + "\" is not a mapping type: Does not implement dict-like functionality.");
        present = true;
        yaml::Value unknown = *value;
        Invalid children{node.name, std::nullopt, {}, false, {}};
        for (const auto& child : node.children) {
          std::optional<yaml::Value> given;
          if (const yaml::Value* found = unknown.find(child.name)) {
            given = *found;
            unknown.erase(child.name);
          }
          if (auto child_error = deserialize(child, given ? &*given : nullptr)) children.children.push_back(*child_error);
        }
        // Unknown keys win over the children's errors, which are then lost (as in colander).
        if (unknown.size() > 0)
          return Invalid{node.name, "Unrecognized keys in mapping: \"" + py_str(unknown) + "\"", {}, true, unknown};
        if (!children.children.empty()) return children;
        break;
      }
      case Type::any: present = true; break;
    }
  }
  if (!present) {
    if (node.required) return error(node, "Required");
    return std::nullopt;  // the missing value is never validated
  }
  if (node.validator && result) {
    if (auto message = node.validator(*result)) return error(node, *message);
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> as_dict(const Invalid& error) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<const Invalid*> path;
  std::function<void(const Invalid&)> walk = [&](const Invalid& node) {
    path.push_back(&node);
    if (node.children.empty()) {
      std::string key, messages;
      for (const Invalid* step : path) {
        if (step->msg && !step->msg->empty()) messages += (messages.empty() ? "" : "; ") + *step->msg;
        if (!step->name.empty()) key += (key.empty() ? "" : ".") + step->name;
      }
      auto same = std::find_if(out.begin(), out.end(), [&](const auto& entry) { return entry.first == key; });
      if (same != out.end())
        same->second = messages;  // a dict: a repeated key keeps its place, takes the new value
      else
        out.emplace_back(key, messages);
    }
    for (const auto& child : node.children) walk(child);
    path.pop_back();
  };
  walk(error);
  return out;
}

}  // namespace proof::schema
