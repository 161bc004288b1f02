#include <catch2/catch.hpp>
#include <chrono>

#include "runtime/subprocess.hpp"

using charm::run_processes;

TEST_CASE("subprocess: run_processes runs programs at once and keeps their order", "[subprocess]") {
  auto started = std::chrono::steady_clock::now();
  auto results = run_processes({{"sh", "-c", "sleep 0.3; echo first"},
                                {"sh", "-c", "sleep 0.3; echo second >&2; exit 3"},
                                {"no-such-program-for-this-test"}});
  auto took = std::chrono::steady_clock::now() - started;
  REQUIRE(results.size() == 3);
  CHECK(results[0].started);
  CHECK(results[0].exit_code == 0);
  CHECK(results[0].out == "first\n");
  CHECK(results[1].exit_code == 3);
  CHECK(results[1].err == "second\n");
  CHECK_FALSE(results[2].started);
  CHECK(results[2].exit_code == 127);
  CHECK(results[2].err.find("no-such-program-for-this-test") != std::string::npos);
  // Two 0.3 s sleeps one after the other would take 0.6 s.
  CHECK(took < std::chrono::milliseconds(550));
}

TEST_CASE("subprocess: run_processes reads large outputs of several programs", "[subprocess]") {
  auto results = run_processes({{"sh", "-c", "head -c 300000 /dev/zero"}, {"sh", "-c", "head -c 200000 /dev/zero >&2"}});
  CHECK(results[0].out.size() == 300000);
  CHECK(results[1].err.size() == 200000);
}
