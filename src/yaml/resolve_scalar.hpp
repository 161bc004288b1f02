// Implicit typing of plain scalars, per YAML version (1.2 core schema as ruamel has it, or 1.1).
#pragma once
#include <string_view>

#include "yaml/value.hpp"

namespace yaml {

enum class YamlVersion { v1_1, v1_2 };

// The typed value of a plain (unquoted) scalar.
Value resolve_plain_scalar(std::string_view text, YamlVersion version);

// True when a plain scalar with this text would be read as something other than a string
// under either YAML version: the emitter must quote such strings.
bool plain_text_is_ambiguous(std::string_view text);

}  // namespace yaml
