// The base image of container machines (spec/machines.md): Debian minbase with systemd, made
// once with debootstrap and cached twice: the root filesystem as a tarball under the
// charm-build cache (so a fresh Docker daemon imports it in seconds), and the imported image,
// tagged and labelled with the hash of its recipe. A changed recipe is a new tag; nothing is
// rebuilt otherwise.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/docker_cli.hpp"

namespace sim {

using Progress = std::function<void(const std::string&)>;

// What the image is made of, as text: the hash of this text names the image.
std::string machine_image_recipe();
std::string machine_image_recipe_hash();
// "charm-sim/machine:bookworm-<first 12 hex of the recipe hash>".
std::string machine_image_tag();
// $CHARM_BUILD_CACHE/machine-images, else ~/.cache/charm-build/machine-images.
std::filesystem::path machine_image_cache_dir();

// The root filesystem tarball for the current recipe, made with debootstrap when the cache
// has none (about a minute; debootstrap's log goes to the cache dir). Throws with the end of
// that log when debootstrap fails.
std::filesystem::path machine_rootfs_tarball(const Progress& progress);

// The image machines boot from: $CHARM_SIM_MACHINE_IMAGE if set (it must exist), else the
// recipe's tag, imported (and debootstrapped) when the daemon does not have it.
std::string ensure_machine_image(const DockerCli& docker, const Progress& progress);
// Imports the recipe's image again (from a fresh debootstrap when fresh_rootfs); its tag.
std::string build_machine_image(const DockerCli& docker, bool fresh_rootfs, const Progress& progress);

struct MachineImageInfo {
  std::string tag, id, created, size, recipe;
  bool current = false;  // made from the current recipe
};
std::vector<MachineImageInfo> list_machine_images(const DockerCli& docker);
// Removes every charm-sim machine image from the daemon (and the cached tarballs when
// with_cache); the tags removed. Images still used by a machine are left, with an error.
std::vector<std::string> remove_machine_images(const DockerCli& docker, bool with_cache);

}  // namespace sim
