// charm-build: wires the command line to the compiler and maps failures to exit codes.
#include <spdlog/spdlog.h>

#include <malloc.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/build_command.hpp"
#include "cli/create_command.hpp"
#include "cli/layers_command.hpp"
#include "cli/proof_command.hpp"
#include "cli/logging.hpp"
#include "util/error.hpp"

namespace {

constexpr const char* examples = R"(
Examples:
  charm-build layers/kubernetes -o /tmp/charms
      build the charm in layers/kubernetes into /tmp/charms/<name>
  CHARM_LAYERS_DIR=~/layers CHARM_INTERFACES_DIR=~/interfaces charm-build -o out .
      build the layer in the current directory, finding layer:/interface: includes there
  charm-build --force -o out my-layer
      rebuild over hand edits in out/<name> (they are overwritten)
  charm-build -F --report-format json -o out my-layer > report.json
      also write ./<name>.charm; print layers, files, warnings and timings as JSON

Subcommands (charm-build SUBCOMMAND --help for each):
  create    a new charm layer from a template (C++ or shell handlers)
  proof     lint a charm as charm-tools' proof does
  layers    which layer each file of a built charm comes from

Exit codes: 0 built, 1 build failed (the target is untouched), 2 bad command line,
100/200 built but proof reported warnings/errors.)";

}  // namespace

int main(int argc, char** argv) {
  // Freed memory stays with the process for reuse: zlib allocates ~400 KB per file it
  // compresses for a .charm, and glibc's default (fresh mmap per large block, returned on free)
  // made every file cost a hundred page faults, doubling a realistic build's time with -F.
  ::mallopt(M_MMAP_THRESHOLD, 8 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
  cli::setup_logging();
  CLI::App app{"charm-build: compile Juju charm layers into a deployable charm", "charm-build"};
  app.footer(examples);
  app.set_version_flag("--version", std::string("charm-build ") + CHARM_BUILD_VERSION);
  cli::BuildCommandLine line;
  cli::setup_build_command(app, line);
  cli::LayersCommandLine layers_line;
  CLI::App* layers_command = cli::setup_layers_command(app, layers_line);
  cli::ProofCommandLine proof_line;
  CLI::App* proof_command = cli::setup_proof_command(app, proof_line);
  cli::CreateCommandLine create_line;
  CLI::App* create_command = cli::setup_create_command(app, create_line);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : static_cast<int>(util::ExitCode::usage);
  }
  try {
    if (layers_command->parsed()) return cli::run_layers_command(layers_line);
    if (proof_command->parsed()) return cli::run_proof_command(proof_line);
    if (create_command->parsed()) return cli::run_create_command(create_line);
    int code = cli::run_build_command(line);
    if (code < 0) {
      std::fputs(app.help().c_str(), stdout);
      return 0;
    }
    return code;
  } catch (const util::BuildError& e) {
    spdlog::error("{}", e.what());
    return static_cast<int>(util::ExitCode::build_failed);
  } catch (const std::exception& e) {
    spdlog::critical("unexpected failure: {}", e.what());
    return static_cast<int>(util::ExitCode::build_failed);
  }
}
