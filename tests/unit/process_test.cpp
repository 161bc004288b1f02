#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

#include "util/process.hpp"

TEST_CASE("process: output and exit code", "[process]") {
  auto result = util::run_process({"sh", "-c", "echo out; echo err >&2; exit 3"}, std::filesystem::current_path());
  CHECK(result.exit_code == 3);
  CHECK(result.output == "out\nerr\n");
  CHECK(!result.timed_out);
}

TEST_CASE("process: a timeout kills the program and what it started", "[process]") {
  util::ProcessOptions options;
  options.timeout = std::chrono::milliseconds(300);
  auto start = std::chrono::steady_clock::now();
  // The grandchild keeps the output pipe open: only killing the group ends the read.
  auto result = util::run_process({"sh", "-c", "sleep 30 & sleep 30"}, std::filesystem::current_path(), options);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(result.timed_out);
  CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("process: environment changes set and remove variables", "[process]") {
  util::ProcessOptions options;
  options.env = {{"CHARM_BUILD_TEST_SET", "yes"}, {"HOME", std::nullopt}};
  auto result = util::run_process({"sh", "-c", "echo \"$CHARM_BUILD_TEST_SET:${HOME-unset}\""},
                                  std::filesystem::current_path(), options);
  CHECK(result.output == "yes:unset\n");
}

TEST_CASE("process: a missing program gives exit code -1", "[process]") {
  CHECK(util::run_process({"charm-build-no-such-program"}, std::filesystem::current_path()).exit_code == -1);
}
