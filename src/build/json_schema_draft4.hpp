// A JSON-Schema draft-4 validator that behaves like Python jsonschema's Draft4Validator
// (4.x, before 4.18) extended with charm-tools' extend_with_default: same keyword order,
// same error texts (with Python repr of values), and defaults filled in while validating.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace build {

struct SchemaError {
  // Instance path from the root: object keys, and array indexes in decimal.
  std::vector<std::string> path;
  // jsonschema's message, e.g. "'x' is not of type 'integer'".
  std::string message;
};

// Validates `instance` against `schema` and returns every error in jsonschema's iter_errors
// order. Before each `properties` keyword runs, missing properties whose subschema has a
// `default` are appended to the instance (only when the instance is an object). Only local
// `$ref`s ("#/...") are resolved; `format` is not checked. Never throws for bad data.
std::vector<SchemaError> validate_draft4_with_defaults(nlohmann::ordered_json& instance,
                                                       const nlohmann::ordered_json& schema);

// Python's repr() of the value json.load would build: None/True/False, 'str', 1.5, [..], {..}.
std::string python_repr(const nlohmann::ordered_json& value);

}  // namespace build
