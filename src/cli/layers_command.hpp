// `charm-build layers [CHARM_DIR]`: which layer each file of a built charm comes from.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace cli {

struct LayersCommandLine {
  std::string charm_dir = ".";
  std::string format = "text";
};

CLI::App* setup_layers_command(CLI::App& app, LayersCommandLine& line);
int run_layers_command(const LayersCommandLine& line);

}  // namespace cli
