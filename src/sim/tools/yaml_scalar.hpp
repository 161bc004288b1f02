// How gopkg.in/yaml.v2 writes one string: plain when it would read back as the same string,
// double-quoted when it would read as something else (null, bool, number, timestamp),
// `|` for multi-line text, then libyaml's emitter checks (indicators, leading/trailing
// spaces, unprintable characters) may force single or double quotes.
#pragma once
#include <cstddef>
#include <string>

namespace sim::tools {

enum class ScalarStyle { plain, single_quoted, double_quoted, literal };

// simple_key: the string is a mapping key (no line breaks, no block scalars there).
ScalarStyle choose_string_style(const std::string& s, bool simple_key);

// yaml.v2's resolver: would this text, unquoted, read as anything but a string?
bool resolves_to_non_string(const std::string& s);

// libyaml's character classes at byte i.
bool needs_escape(const std::string& s, size_t i);  // in a double-quoted scalar
size_t break_length(const std::string& s, size_t i);  // 0 if no line break starts here

std::string base64(const std::string& bytes);

}  // namespace sim::tools
