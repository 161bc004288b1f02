// The hook-tool socket's netstring format (sim/tool_wire.hpp).
#include <catch2/catch.hpp>

#include "sim/tool_wire.hpp"

using sim::wire::decode;
using sim::wire::encode;

TEST_CASE("tool wire: fields round-trip with any bytes", "[tool_wire]") {
  std::vector<std::string> fields{"unit/0-install-1", "", "relation-set", std::string("a\0b", 3), "x=\"$(rm)\";\n,:9"};
  std::string data = encode(fields);
  CHECK(data.substr(0, 19) == "16:unit/0-install-1");
  std::vector<std::string> back;
  REQUIRE(decode(data, back));
  CHECK(back == fields);
  CHECK(decode("", back));
  CHECK(back.empty());
}

TEST_CASE("tool wire: malformed messages are refused", "[tool_wire]") {
  std::vector<std::string> out;
  CHECK_FALSE(decode("3:abc", out));          // no closing comma
  CHECK_FALSE(decode("4:abc,", out));         // shorter than announced
  CHECK_FALSE(decode(":abc,", out));          // no length
  CHECK_FALSE(decode("3abc,", out));          // no colon
  CHECK_FALSE(decode("1:a,x", out));          // trailing junk
  CHECK_FALSE(decode("9999999999999:a,", out));  // absurd length
}
