// `charm-build [options] [LAYER_DIR]`: the build command line, compatible with `charm build`.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "build/context.hpp"

namespace cli {

struct BuildCommandLine {
  std::string charm_dir = ".";
  std::string build_dir, output_dir, name, log_level = "INFO", series, wheelhouse_overrides;
  bool force = false, verbose = false, debug = false, report = true, no_report = false;
  bool no_local_layers = false, no_wheelhouse = false, charm_file = false;
  std::string report_format = "text";
  std::string cache_dir, layer_index, interface_service;
  bool write_lock_file = false, ignore_lock_file = false, use_lock_file_branches = false;
};

// Registers the build options on the main app.
void setup_build_command(CLI::App& app, BuildCommandLine& line);

// Sets the log level and runs the build; returns the process exit code.
int run_build_command(const BuildCommandLine& line);

}  // namespace cli
