// The machine image on a Docker daemon: found by its recipe tag, imported from the cached
// rootfs tarball when missing, listed and removed by its label.
#include "sim/machine_image.hpp"

#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace sim {
namespace fs = std::filesystem;

namespace {

constexpr const char* kRecipeLabel = "charm-sim.recipe";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace

std::string build_machine_image(const DockerCli& docker, bool fresh_rootfs, const Progress& progress) {
  const std::string tag = machine_image_tag();
  const std::string hash = machine_image_recipe_hash();
  if (fresh_rootfs) {
    std::error_code ec;
    fs::remove(machine_image_cache_dir() / (tag.substr(tag.find(':') + 1) + ".tar"), ec);
  }
  const fs::path tarball = machine_rootfs_tarball(progress);
  progress("importing " + tarball.string() + " as " + tag);
  docker.check({"image", "import", "--change", std::string("LABEL ") + kRecipeLabel + "=" + hash, "--change",
                "CMD [\"/sbin/init\"]", "--message", "charm-sim machine image, recipe " + hash.substr(0, 12),
                tarball.string(), tag},
               "cannot import the machine image", std::chrono::minutes(15));
  return tag;
}

std::string ensure_machine_image(const DockerCli& docker, const Progress& progress) {
  if (const char* own = std::getenv("CHARM_SIM_MACHINE_IMAGE"); own && *own) {
    if (!docker.run({"image", "inspect", "--format", "{{.Id}}", own}).ok())
      throw std::runtime_error(std::string("CHARM_SIM_MACHINE_IMAGE names \"") + own + "\", which " + docker.describe() +
                               " does not have (docker image ls lists what it has)");
    return own;
  }
  const std::string tag = machine_image_tag();
  DockerResult found = docker.run({"image", "inspect", "--format", std::string("{{index .Config.Labels \"") + kRecipeLabel + "\"}}", tag});
  if (found.ok() && trimmed(found.out) == machine_image_recipe_hash()) return tag;
  if (found.exit_code == -1) throw std::runtime_error(found.err);
  progress("building the machine image " + tag + " (once; this takes a minute)");
  return build_machine_image(docker, false, progress);
}

std::vector<MachineImageInfo> list_machine_images(const DockerCli& docker) {
  std::string listing = docker.check({"image", "ls", "--filter", std::string("label=") + kRecipeLabel, "--format",
                                      "{{.Repository}}:{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"},
                                     "cannot list machine images");
  std::vector<MachineImageInfo> out;
  const std::string current = machine_image_tag();
  for (const auto& line : lines_of(listing)) {
    MachineImageInfo info;
    std::istringstream fields(line);
    std::getline(fields, info.tag, '\t');
    std::getline(fields, info.id, '\t');
    std::getline(fields, info.created, '\t');
    std::getline(fields, info.size, '\t');
    info.recipe = trimmed(docker.check({"image", "inspect", "--format",
                                        std::string("{{index .Config.Labels \"") + kRecipeLabel + "\"}}", info.id},
                                       "cannot inspect image " + info.id));
    info.current = info.tag == current && info.recipe == machine_image_recipe_hash();
    out.push_back(info);
  }
  return out;
}

std::vector<std::string> remove_machine_images(const DockerCli& docker, bool with_cache) {
  std::vector<std::string> removed;
  std::string errors;
  for (const auto& image : list_machine_images(docker)) {
    const std::string ref = image.tag.find("<none>") == std::string::npos ? image.tag : image.id;
    DockerResult r = docker.run({"image", "rm", ref});
    if (r.ok()) removed.push_back(ref);
    else errors += "\n  " + ref + ": " + trimmed(r.err);
  }
  if (with_cache) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(machine_image_cache_dir(), ec))
      if (entry.path().extension() == ".tar" && fs::remove(entry.path(), ec)) removed.push_back(entry.path().string());
  }
  if (!errors.empty())
    throw std::runtime_error("some machine images could not be removed (remove their machines first, e.g. charm-sim destroy):" +
                             errors);
  return removed;
}

}  // namespace sim
