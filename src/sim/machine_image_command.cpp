#include "sim/machine_image_command.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "sim/machine_image.hpp"

namespace sim {
namespace fs = std::filesystem;

CLI::App* setup_image_command(CLI::App& app, ImageCommandArgs& args) {
  auto* image = app.add_subcommand("image", "the base image of container machines: build, ls, rm");
  image->require_subcommand(1);
  args.build = image->add_subcommand("build", "make the image now (debootstrap once, then cached), even if it exists");
  args.build->add_flag("--fresh", args.fresh, "debootstrap again instead of using the cached root filesystem");
  args.ls = image->add_subcommand("ls", "list charm-sim machine images and the cached root filesystems");
  args.rm = image->add_subcommand("rm", "remove charm-sim machine images from the Docker daemon");
  args.rm->add_flag("--cache", args.with_cache, "also delete the cached root filesystems (the next build debootstraps)");
  return image;
}

int run_image_command(const ImageCommandArgs& args) {
  DockerCli docker;
  auto progress = [](const std::string& line) { std::fprintf(stderr, "  %s\n", line.c_str()); };
  if (args.build->parsed()) {
    std::cout << build_machine_image(docker, args.fresh, progress) << '\n';
    return 0;
  }
  if (args.ls->parsed()) {
    std::printf("%-40s %-14s %-16s %-10s %s\n", "IMAGE", "ID", "CREATED", "SIZE", "RECIPE");
    for (const auto& image : list_machine_images(docker))
      std::printf("%-40s %-14s %-16s %-10s %s\n", image.tag.c_str(), image.id.c_str(), image.created.c_str(), image.size.c_str(),
                  image.current ? "current" : "old");
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(machine_image_cache_dir(), ec))
      if (entry.path().extension() == ".tar")
        std::printf("cached rootfs: %s (%ju MB)\n", entry.path().c_str(), static_cast<uintmax_t>(entry.file_size(ec) >> 20));
    return 0;
  }
  for (const auto& removed : remove_machine_images(docker, args.with_cache)) std::printf("removed %s\n", removed.c_str());
  return 0;
}

}  // namespace sim
