// The charm's YAML files as the runtime reads them: plain scalars typed as PyYAML's safe_load.
#include <catch2/catch.hpp>
#include <cmath>

#include "runtime/yaml_json.hpp"

using charm::detail::yaml_scalar_as;
using charm::detail::yaml_to_json;

namespace {
nlohmann::json typed(const std::string& yaml_text) { return yaml_to_json(YAML::Load("v: " + yaml_text)["v"]); }
}  // namespace

TEST_CASE("runtime yaml_json: plain scalars typed as YAML 1.1", "[yaml_json]") {
  CHECK(typed("yes") == true);
  CHECK(typed("Off") == false);
  CHECK(typed("~").is_null());
  CHECK(typed("").is_null());
  CHECK(typed("42") == 42);
  CHECK(typed("-1_000") == -1000);
  CHECK(typed("0x1F") == 31);
  CHECK(typed("012") == 10);  // octal in YAML 1.1
  CHECK(typed("1:20") == 80);  // sexagesimal in YAML 1.1
  CHECK(typed("1.5") == 1.5);
  CHECK(std::isinf(typed("-.inf").get<double>()));
  CHECK(typed("word") == "word");
  CHECK(typed("2020-01-02") == "2020-01-02");  // timestamps keep their text
  CHECK(typed("99999999999999999999") == "99999999999999999999");  // too big: no digits lost
}

TEST_CASE("runtime yaml_json: quoted scalars and collections", "[yaml_json]") {
  CHECK(typed("'5'") == "5");
  CHECK(typed("!!str yes") == "yes");
  CHECK(typed("[1, b, {c: off}]") == nlohmann::json::parse(R"([1, "b", {"c": false}])"));
}

TEST_CASE("runtime yaml_json: config defaults follow the option's type", "[yaml_json]") {
  YAML::Node v = YAML::Load("v: 5")["v"];
  CHECK(yaml_scalar_as(v, "string") == "5");
  CHECK(yaml_scalar_as(v, "float") == 5.0);
  CHECK(yaml_scalar_as(v, "float").is_number_float());
  CHECK(yaml_scalar_as(YAML::Load("v: '7'")["v"], "int") == 7);
  CHECK(yaml_scalar_as(YAML::Load("v:")["v"], "string").is_null());
}
