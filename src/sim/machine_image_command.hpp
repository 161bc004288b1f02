// `charm-sim image build|ls|rm`: the container machines' base image on the Docker daemon of
// DOCKER_HOST (or the default socket), and its cached root filesystem.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace sim {

struct ImageCommandArgs {
  bool fresh = false;       // build: debootstrap again instead of using the cached rootfs
  bool with_cache = false;  // rm: the cached rootfs tarballs too
  CLI::App* build = nullptr;
  CLI::App* ls = nullptr;
  CLI::App* rm = nullptr;
};

// Adds `image` with its three verbs to app; the returned subcommand is parsed() when used.
CLI::App* setup_image_command(CLI::App& app, ImageCommandArgs& args);
// The exit code (0, or 1 with "ERROR ..." on stderr).
int run_image_command(const ImageCommandArgs& args);

}  // namespace sim
