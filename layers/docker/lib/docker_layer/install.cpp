#include "docker_layer/install.hpp"

#include <charm/charm.hpp>

#include "docker_layer/settings.hpp"

namespace docker_layer {
namespace {

constexpr const char* kKeyFile = "/etc/apt/keyrings/docker-upstream.asc";
constexpr const char* kListFile = "/etc/apt/sources.list.d/docker-upstream.list";

std::string text(const char* key) {
  const nlohmann::json value = charm::config(key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

}  // namespace

Source source_from_config() {
  Source source{text("docker_runtime"), "docker.io", "", ""};
  if (source.runtime == "auto" || source.runtime == "apt") {
    source.runtime = "apt";
    return source;
  }
  if (source.runtime != "upstream")
    throw ConfigError("docker_runtime \"" + source.runtime + "\" is not supported: use \"auto\", \"apt\" or \"upstream\"");
  source.package = text("docker_runtime_package");
  source.repo = text("docker_runtime_repo");
  source.key = text("docker_runtime_key");
  if (source.key.find("-----BEGIN PGP PUBLIC KEY BLOCK-----") == std::string::npos)
    throw ConfigError("docker_runtime \"upstream\" needs docker_runtime_key: the repository's ASCII-armoured signing "
                      "key (-----BEGIN PGP PUBLIC KEY BLOCK-----...)");
  if (source.repo.rfind("deb ", 0) != 0 || source.repo.find('\n') != std::string::npos)
    throw ConfigError("docker_runtime_repo must be one apt source line starting with \"deb \"");
  if (source.package.empty() || source.package[0] == '-')
    throw ConfigError("docker_runtime_package must name a package");
  return source;
}

void install(const Source& source) {
  if (source.runtime == "upstream") {
    charm::status::maintenance("Installing " + source.package + " from " + source.repo + ".");
    charm::host::write_file(kKeyFile, source.key);
    charm::host::write_file(kListFile, source.repo + "\n");
  } else {
    charm::status::maintenance("Installing docker.io from the distribution archive.");
  }
  charm::host::apt_update();
  charm::host::apt_install({source.package});
}

}  // namespace docker_layer
