#include "cli/layers_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/file.hpp"

namespace cli {

namespace {

constexpr const char* palette[] = {"\033[36m", "\033[32m", "\033[33m", "\033[35m", "\033[34m", "\033[31m",
                                   "\033[96m", "\033[92m", "\033[93m", "\033[95m", "\033[94m", "\033[91m"};
constexpr const char* reset = "\033[0m";

nlohmann::json read_manifest(const std::filesystem::path& charm_dir) {
  auto path = charm_dir / ".build.manifest";
  auto text = util::read_file_if_exists(path);
  if (!text)
    throw util::BuildError(path.string() + " not found: `layers` reads the manifest that charm-build writes; "
                           "point it at a built charm");
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception& e) {
    throw util::BuildError(path.string() + " is not valid JSON: " + e.what());
  }
}

}  // namespace

CLI::App* setup_layers_command(CLI::App& app, LayersCommandLine& line) {
  CLI::App* cmd = app.add_subcommand("layers", "Show which layer each file of a built charm comes from");
  cmd->add_option("CHARM_DIR", line.charm_dir, "A built charm (default: the current directory)");
  cmd->add_option("--format", line.format, "text (coloured by layer on a terminal) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(R"(
Examples:
  charm-build layers /tmp/charms/kubernetes
  charm-build layers --format json . | jq '.files["hooks/install"]')");
  return cmd;
}

int run_layers_command(const LayersCommandLine& line) {
  nlohmann::json manifest = read_manifest(line.charm_dir);
  std::vector<std::string> layers;
  for (const auto& layer : manifest.value("layers", nlohmann::json::array())) layers.push_back(layer.value("url", ""));
  const auto& signatures = manifest.value("signatures", nlohmann::json::object());
  if (line.format == "json") {
    nlohmann::ordered_json out;
    out["layers"] = layers;
    auto files = nlohmann::ordered_json::object();
    for (const auto& [relpath, signature] : signatures.items())
      if (relpath != ".build.manifest") files[relpath] = {{"layer", signature.at(0)}, {"kind", signature.at(1)}};
    out["files"] = files;
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  bool colour = ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  auto colour_of = [&](const std::string& owner) -> std::string {
    if (!colour) return "";
    auto it = std::find(layers.begin(), layers.end(), owner);
    size_t index = it == layers.end() ? layers.size() : static_cast<size_t>(it - layers.begin());
    return palette[index % std::size(palette)];
  };
  std::printf("Layers (lowest first):\n");
  for (const auto& layer : layers) std::printf("  %s%s%s\n", colour_of(layer).c_str(), layer.c_str(), colour ? reset : "");
  std::printf("\nFiles:\n");
  for (const auto& [relpath, signature] : signatures.items()) {
    if (relpath == ".build.manifest") continue;
    std::string owner = signature.at(0);
    std::printf("  %s%-30s %s%s\n", colour_of(owner).c_str(), owner.c_str(), relpath.c_str(), colour ? reset : "");
  }
  return 0;
}

}  // namespace cli
