// `charm-build proof [CHARM_DIR]`: charm-tools' linter. Exit 0 (only I lines), 100 (W), 200 (E).
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace cli {

struct ProofCommandLine {
  std::string charm_dir = ".";
  std::string format = "text";
};

CLI::App* setup_proof_command(CLI::App& app, ProofCommandLine& line);
int run_proof_command(const ProofCommandLine& line);

}  // namespace cli
