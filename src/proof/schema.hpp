// The slice of colander (1.8, as charm-tools pins it) that proof's metadata schemas use:
// strict mappings, strings, booleans, integers, OneOf/Regex validators, and the error report
// (Invalid.asdict) whose keys and texts proof prints.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "yaml/value.hpp"

namespace proof::schema {

enum class Type {
  string,           // colander.String(): "" counts as absent
  string_or_empty,  // colander.String(allow_empty=True)
  boolean,          // charm-tools' Boolean: true/false (or the strings "true"/"false")
  integer,          // colander.Integer()
  number,           // colander.Float()
  mapping,          // a mapping that rejects unknown keys (charm-tools' StrictMapping)
  any,              // accepts everything (extension types proof does not model)
};

// A validator gets the deserialized string and returns an error message, or nothing.
using Validator = std::function<std::optional<std::string>(const std::string&)>;

struct Node {
  std::string name;
  Type type = Type::string;
  bool required = true;  // false: the node has a `missing` value
  Validator validator;
  std::vector<Node> children;  // mapping only
};

Validator one_of(std::vector<std::string> choices);
// Python re.match with a pattern ending in `$`; `pattern` is an ECMAScript regex for the whole text.
Validator regex(const std::string& pattern, std::string message);

// A colander.Invalid tree.
struct Invalid {
  std::string name;                // the node's name ("" for a root)
  std::optional<std::string> msg;  // none for a node that only holds its children's errors
  std::vector<Invalid> children;
  bool unsupported = false;        // colander.UnsupportedFields: unknown keys in a strict mapping
  yaml::Value fields;              // those keys with their values
};

// node.deserialize(value); a null pointer is colander.null (the key is absent).
std::optional<Invalid> deserialize(const Node& node, const yaml::Value* value);

// Invalid.asdict(): "dotted.path" -> "message; message", in colander's order.
std::vector<std::pair<std::string, std::string>> as_dict(const Invalid& error);

}  // namespace proof::schema
