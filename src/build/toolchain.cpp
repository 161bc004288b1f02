#include "build/toolchain.hpp"

#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "util/error.hpp"
#include "util/file.hpp"

namespace build {

namespace fs = std::filesystem;

fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

namespace {

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

Toolchain parse(const fs::path& file) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(util::read_file(file));
  } catch (const nlohmann::json::exception& e) {
    throw util::BuildError(file.string() + " is not valid JSON (" + e.what() + "); reinstall charm-build");
  }
  fs::path base = file.parent_path();
  auto resolve = [&](const std::string& p) { return p.empty() ? fs::path() : (base / p).lexically_normal(); };
  Toolchain t;
  t.cxx = j.value("cxx", "c++");
  for (const auto& dir : j.value("include_dirs", std::vector<std::string>{})) t.include_dirs.push_back(resolve(dir));
  t.libcharm = resolve(j.value("libcharm", ""));
  t.link_libs = j.value("link_libs", std::vector<std::string>{});
  t.layers_dir = resolve(j.value("layers_dir", ""));
  t.templates_dir = resolve(j.value("templates_dir", ""));
  t.cxx_flags = {"-std=c++20", "-O2"};
  return t;
}

}  // namespace

std::optional<Toolchain> locate_toolchain(const std::optional<std::string>& cxx_env,
                                          const std::optional<std::string>& flags_env) {
  fs::path dir = executable_dir();
  std::optional<Toolchain> found;
  for (const fs::path& candidate : {dir / "charm-build-toolchain.json", dir / "../share/charm-build/toolchain.json"}) {
    std::error_code ec;
    if (fs::exists(candidate, ec)) {
      found = parse(candidate);
      break;
    }
  }
  if (!found) return std::nullopt;
  if (cxx_env && !cxx_env->empty()) found->cxx = *cxx_env;
  if (flags_env) found->cxx_flags = split_words(*flags_env);
  return found;
}

}  // namespace build
