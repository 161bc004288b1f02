// Typed reads out of a scenario's YAML values; each throws yaml::ParseError at the value's
// line with what was expected ("'units' must be a whole number >= 1, got \"three\"").
#pragma once
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "sim/scenario_types.hpp"
#include "yaml/load.hpp"
#include "yaml/value.hpp"

namespace sim::scenario {

[[noreturn]] void fail_at(const yaml::Value& at, const std::string& problem);

// A scalar's text (numbers and booleans as written in canonical form); not null.
std::string read_text(const yaml::Value& v, const std::string& what);
int read_int(const yaml::Value& v, const std::string& what, int minimum);
bool read_bool(const yaml::Value& v, const std::string& what);
// A list of scalars, or one scalar as a list of one.
std::vector<std::string> read_texts(const yaml::Value& v, const std::string& what);
// A mapping of scalars: {key: value} with values as text.
std::map<std::string, std::string> read_text_map(const yaml::Value& v, const std::string& what);
const yaml::Value& require_mapping(const yaml::Value& v, const std::string& what);
// Rejects keys outside `allowed`, suggesting the nearest one for a typo.
void allow_keys(const yaml::Value& mapping, std::initializer_list<const char*> allowed, const std::string& what);
// The value of a key that must be there.
const yaml::Value& require_key(const yaml::Value& mapping, const char* key, const std::string& what);
// The closest of `names` to `word` when it is a likely typo, else "".
std::string nearest(const std::string& word, const std::vector<std::string>& names);

// A text test: a scalar compares with plain_mode; a mapping gives equals/contains/matches/
// excludes, each one text or a list. Regexes are checked here.
TextMatch read_text_match(const yaml::Value& v, TextMatch::Mode plain_mode, const std::string& what,
                          std::initializer_list<const char*> also_allowed = {});

// The line of a value, or of its key when the value has none (an empty value).
int line_of(const yaml::Value& key, const yaml::Value& value);

}  // namespace sim::scenario
