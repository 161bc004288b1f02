// JSON text writers beside nlohmann's dump(): python_json_dumps (declared in charm/kv.hpp) and
// the payload written to `relation-set --file -`.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace charm {

// Compact JSON with ", "/": " separators whose strings are raw UTF-8 except what a YAML 1.1
// reader (Juju parses --file as YAML) would refuse or fold: C0/C1 controls, DEL, NEL, LS, PS,
// BOM, U+FFFE/U+FFFF, which are written as \uXXXX. Throws std::invalid_argument on invalid UTF-8.
std::string yaml_safe_json(const nlohmann::json& value);

}  // namespace charm
