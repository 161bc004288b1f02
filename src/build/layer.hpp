// One resolved layer or interface of the include graph.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "yaml/value.hpp"

namespace build {

namespace fs = std::filesystem;

enum class LayerKind { layer, interface };

struct Layer {
  LayerKind kind = LayerKind::layer;
  // The include string as written ("layer:basic", "interface:etcd", "layers/mysql"); the
  // charm name for the top layer. It is the owner recorded in the manifest.
  std::string url;
  // layer.yaml `name`, else the text after "layer:"/"interface:", else the last path component.
  std::string name;
  fs::path dir;                            // absolute, as found (not canonicalised)
  std::optional<yaml::Value> config;       // layer.yaml / composer.yaml / interface.yaml, when not empty
  std::string config_file;                 // the file name the config came from
  std::vector<std::string> includes;       // as written in the config
  std::string revision;                    // VCS revision, "" when none
  std::string fetched_url;                 // the git URL it was fetched from; "" for local directories

  // A config section such as config["metadata"], or nullptr.
  const yaml::Value* config_section(std::string_view key) const {
    return config ? config->find(key) : nullptr;
  }
  // The config's list of strings under `key` ("ignore", "exclude"); empty when absent.
  std::vector<std::string> config_strings(std::string_view key) const;
};

}  // namespace build
