#include <catch2/catch.hpp>
#include <string>

#include "build/context.hpp"
#include "build/report.hpp"

using build::BuildContext;
using build::format_report;

namespace {

const std::string header =
    "\n"
    "---------------------------------------\n"
    "              Build Report\n"
    "---------------------------------------\n";

}  // namespace

TEST_CASE("report: a new build says all files were modified", "[report]") {
  BuildContext ctx;
  CHECK(format_report(ctx) == header + "New build; all files were modified.\n");
  ctx.changed = true;
  ctx.added = {"a", "b"};
  CHECK(format_report(ctx) == header + "New build; all files were modified.\n");
}

TEST_CASE("report: a rebuild without changes says so", "[report]") {
  BuildContext ctx;
  ctx.had_previous_build = true;
  CHECK(format_report(ctx) == header + "No new changes; no files were modified.\n");
}

TEST_CASE("report: added, modified and removed files are listed sorted by path", "[report]") {
  BuildContext ctx;
  ctx.had_previous_build = true;
  ctx.changed = true;
  ctx.added = {"hooks/start", "README.md", "z-new"};
  ctx.modified = {"metadata.yaml", "hooks/install"};
  ctx.removed = {"old.txt", "hooks/old-hook"};
  CHECK(format_report(ctx) == header +
                                  " + README.md\n"
                                  "   hooks/install\n"
                                  " - hooks/old-hook\n"
                                  " + hooks/start\n"
                                  "   metadata.yaml\n"
                                  " - old.txt\n"
                                  " + z-new\n");
}

TEST_CASE("report: a single kind of change", "[report]") {
  BuildContext removed;
  removed.had_previous_build = true;
  removed.removed = {"b", "a"};
  CHECK(format_report(removed) == header + " - a\n - b\n");
  BuildContext modified;
  modified.had_previous_build = true;
  modified.modified = {"config.yaml"};
  CHECK(format_report(modified) == header + "   config.yaml\n");
}
