// Reads charm files as PyYAML's safe_load does for charm-tools' proof: YAML 1.1 typing
// (yes/no are booleans, 0755 is octal), and None for an empty or null document.
#pragma once
#include <string>
#include <string_view>

#include "yaml/load.hpp"
#include "yaml/value.hpp"

namespace proof {

// The document's value; a null Value for an empty or `~` document. Throws yaml::ParseError with
// line numbers of `text` itself.
yaml::Value load_yaml11(std::string_view text);

// "LINE:COLUMN: problem", for messages such as "cannot parse PATH:LINE:COLUMN: problem".
std::string describe_parse_error(const yaml::ParseError& error);

}  // namespace proof
