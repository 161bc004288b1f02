#include "cli/build_command.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "build/build.hpp"
#include "build/report.hpp"
#include "util/error.hpp"
#include "cli/logging.hpp"

extern char** environ;

namespace cli {

namespace {

std::map<std::string, std::string> capture_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    size_t eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

build::BuildOptions to_options(const BuildCommandLine& line) {
  build::BuildOptions o;
  o.charm_dir = line.charm_dir;
  if (!line.build_dir.empty())
    o.build_dir = line.build_dir;
  else if (!line.output_dir.empty())
    o.build_dir = line.output_dir;
  if (!line.name.empty()) o.name = line.name;
  if (!line.series.empty()) o.series = line.series;
  if (!line.wheelhouse_overrides.empty()) o.wheelhouse_overrides = line.wheelhouse_overrides;
  o.force = line.force ? build::Force::yes : build::Force::no;
  o.report = !line.no_report;
  o.no_local_layers = line.no_local_layers;
  o.no_wheelhouse_file = line.no_wheelhouse;
  o.charm_file = line.charm_file;
  o.use_memo = line.report_format != "json";  // the JSON report lists every file: build fully
  if (!line.cache_dir.empty()) o.cache_dir = line.cache_dir;
  // charm-tools: --interface-service (deprecated) wins over --layer-index.
  std::string indexes = line.interface_service.empty() ? line.layer_index : line.interface_service;
  if (!indexes.empty()) o.layer_indexes = {indexes};
  o.write_lock_file = line.write_lock_file;
  o.ignore_lock_file = line.ignore_lock_file;
  o.use_lock_file_branches = line.use_lock_file_branches;
  o.env = capture_environment();
  return o;
}

// Proof's lines at their levels, or "OK!", as charm-tools ends a build.
void log_proof(const proof::ProofResult& result) {
  if (result.findings.empty()) spdlog::info("proof: OK!");
  for (const auto& f : result.findings) {
    std::string line = "proof: " + proof::format_finding(f);
    if (f.level == proof::Level::info) spdlog::info("{}", line);
    else if (f.level == proof::Level::warning) spdlog::warn("{}", line);
    else spdlog::error("{}", line);
  }
}

}  // namespace

void setup_build_command(CLI::App& app, BuildCommandLine& line) {
  app.add_option("LAYER_DIR", line.charm_dir, "The top layer to build (default: the current directory)");
  app.add_option("-d,--build-dir", line.build_dir,
                 "Parent directory of the built charm (default: $CHARM_BUILD_DIR, else /tmp/charm-builds)");
  app.add_option("-o,--output-dir", line.output_dir, "Same as --build-dir (--build-dir wins)");
  app.add_option("-n,--name", line.name, "Charm name (default: metadata.yaml name, else the directory name)");
  app.add_flag("-f,--force", line.force, "Build despite hand edits in the target and lint failures");
  app.add_option("-l,--log-level", line.log_level, "DEBUG, INFO, WARNING, ERROR or CRITICAL")
      ->transform(CLI::IsMember({"DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL"}, CLI::ignore_case));
  app.add_flag("-v,--verbose", line.verbose, "Same as --log-level DEBUG");
  app.add_flag("--debug", line.debug, "Same as --log-level DEBUG");
  app.add_flag("-r,--report", line.report, "Print the build report (default)");
  app.add_flag("-R,--no-report", line.no_report, "Do not print the build report");
  app.add_option("-s,--series", line.series, "Deprecated: only names the $JUJU_REPOSITORY build subdirectory");
  app.add_flag("--no-local-layers", line.no_local_layers,
               "Do not look up layer:/interface: includes in CHARM_LAYERS_DIR/CHARM_INTERFACES_DIR");
  app.add_option("-w,--wheelhouse-overrides", line.wheelhouse_overrides,
                 "Requirements file merged on top of every layer's wheelhouse.txt")
      ->check(CLI::ExistingFile);
  app.add_flag("-W,--wheelhouse-per-layer", line.no_wheelhouse,
               "charm-tools' per-layer wheelhouse: writes no wheelhouse.txt or constraints file (no wheels are built either way)");
  app.add_flag("-F,--charm-file", line.charm_file, "Also write ./NAME.charm, the zip Juju deploys");
  app.add_option("-C,--cache-dir", line.cache_dir,
                 "Where fetched layers are cached and reused between builds (default: $CHARM_CACHE_DIR, "
                 "else ~/.cache/charm)");
  app.add_option("-i,--layer-index", line.layer_index,
                 "Comma-separated layer index URLs (file://, https://) asked for layer:/interface: includes "
                 "not found locally; DEFAULT is https://juju.github.io/layer-index/ (the default)");
  app.add_option("--interface-service", line.interface_service, "Deprecated alias of --layer-index");
  app.add_flag("--write-lock-file", line.write_lock_file,
               "Write build.lock in the top layer, pinning each layer's and interface's revision "
               "(the existing lock file is not read)");
  app.add_flag("--ignore-lock-file", line.ignore_lock_file,
               "Do not read build.lock: fetch the latest revisions");
  app.add_flag("--use-lock-file-branches", line.use_lock_file_branches,
               "For build.lock entries on a branch other than master/main, fetch that branch's latest "
               "commit rather than the locked one");
  app.add_option("--report-format", line.report_format,
                 "text: the build report (default); json: one JSON document on stdout for scripts")
      ->check(CLI::IsMember({"text", "json"}));
}

int run_build_command(const BuildCommandLine& line) {
  std::string level = line.verbose || line.debug ? "DEBUG" : line.log_level;
  set_log_level(level);
  if (line.charm_dir == "help") return -1;  // charm-tools prints usage for `charm build help`
  build::BuildContext ctx{to_options(line)};
  ctx.cwd = std::filesystem::current_path();
  bool json = line.report_format == "json";
  try {
    build::run_build(ctx);
  } catch (const util::BuildError& e) {
    if (json) std::fputs(build::format_json_report(ctx, e.what()).c_str(), stdout);
    throw;
  }
  if (json)
    std::fputs(build::format_json_report(ctx).c_str(), stdout);
  else if (ctx.options.report)
    std::fputs(build::format_report(ctx).c_str(), stdout);
  if (ctx.charm_file) spdlog::info("Charm file: {}", ctx.charm_file->string());
  log_proof(ctx.proof);
  return ctx.proof.exit_code();  // 100/200: built, but proof found warnings/errors (as charm-tools)
}

}  // namespace cli
