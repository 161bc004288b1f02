#include "build/yaml_file.hpp"

#include "util/error.hpp"
#include "util/file.hpp"
#include "yaml/load.hpp"

namespace build {

namespace {

std::optional<yaml::Value> parse(const std::filesystem::path& path, const std::string& text, Diagnostics& diag,
                                 const std::string& what) {
  try {
    return yaml::load(text);
  } catch (const yaml::ParseError& e) {
    diag.error(what + "\n" + yaml::format_parse_error(util::display_path(path), text, e));
    return std::nullopt;
  }
}

}  // namespace

std::optional<yaml::Value> load_yaml_file(const std::filesystem::path& path, Diagnostics& diag,
                                          const std::string& what) {
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const util::BuildError& e) {
    diag.error(what + ": " + e.what());
    return std::nullopt;
  }
  return parse(path, text, diag, what);
}

std::optional<yaml::Value> load_optional_yaml_file(const std::filesystem::path& path, Diagnostics& diag,
                                                   const std::string& what) {
  auto text = util::read_file_if_exists(path);
  if (!text || text->find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return parse(path, *text, diag, what);
}

}  // namespace build
