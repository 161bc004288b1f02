// Installing Docker: docker.io from the distribution archive, or a package from an upstream
// apt repository whose key the operator supplies (the charm never fetches keys).
#pragma once
#include <string>

namespace docker_layer {

struct Source {
  std::string runtime;   // "apt" (auto included) or "upstream"
  std::string package;   // docker.io, or docker_runtime_package
  std::string repo;      // upstream: the apt source line
  std::string key;       // upstream: the ASCII-armoured key
};

// The source the config asks for. Throws ConfigError (settings.hpp) naming the option to fix.
Source source_from_config();

// apt sources (upstream), apt update, install. Throws CommandError when apt fails.
void install(const Source& source);

}  // namespace docker_layer
