// Writes a Value as plain, readable block YAML that parses back to the same data under
// YAML 1.2 (charm-tools) and YAML 1.1 (Juju, PyYAML): strings that could read as anything
// else are double-quoted. Deterministic: the same Value always gives the same bytes.
#pragma once
#include <string>

#include "yaml/value.hpp"

namespace yaml {

std::string dump(const Value& value);

}  // namespace yaml
