// Files at the charm's root (charms.py Charm.proof: icon.svg, hooks/, copyright, README*,
// tests/00-autogen, revision).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "proof/lint.hpp"
#include "proof/python_text.hpp"

namespace proof {

namespace {

// SHA-1 of charm-tools' templates/bash/files/icon.svg.
constexpr std::string_view template_icon_sha1 = "fc0260eb4eafa2ac4283ed3d5dc36c6b3bc17276";

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// The file's bytes, or the errno Python's open() would fail with (it refuses directories).
int read_bytes(const std::string& path, std::string& out) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return EISDIR;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  int error = n < 0 ? errno : 0;
  ::close(fd);
  return error;
}

// Python's IOError text: "Error while opening FILENAME (STRERROR)".
std::string open_error(const std::string& path, int error) {
  return "Error while opening " + path + " (" + std::strerror(error) + ")";
}

void check_icon(const Charm& charm, Linter& lint) {
  std::string icon = charm.path("icon.svg");
  if (!exists(icon)) {
    lint.info("No icon.svg file.");
    return;
  }
  std::string bytes;
  if (int error = read_bytes(icon, bytes)) {
    lint.info(open_error(icon, error));
    return;
  }
  if (sha1_hex(bytes) == template_icon_sha1) lint.info("Includes template icon.svg file.");
}

bool is_readme_name(const std::string& name) {
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  return upper.find("README") != std::string::npos;
}

void check_readmes(const Charm& charm, Linter& lint) {
  // Upstream walks a Python set, whose order varies from run to run; sorted here.
  std::vector<std::string> readmes;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(charm.dir, ec)) {
    std::string name = entry.path().filename().string();
    if (is_readme_name(name)) readmes.push_back(name);
  }
  std::sort(readmes.begin(), readmes.end());
  if (readmes.empty()) {
    lint.warn("no README file");
    return;
  }
  if (std::find(readmes.begin(), readmes.end(), "README.ex") != readmes.end())
    lint.warn("Includes template README.ex file");
  for (const auto& readme : readmes) {
    std::string path = charm.path(readme), content;
    if (int error = read_bytes(path, content)) {
      lint.warn(open_error(path, error));
      return;  // upstream's try covers the whole loop
    }
    for (std::string_view line : readme_boilerplate_lines())
      if (content.find(line) != std::string::npos) lint.warn(readme + " includes boilerplate: " + std::string(line));
  }
}

}  // namespace

void check_files(const Charm& charm, Linter& lint) {
  check_icon(charm, lint);
  if (!exists(charm.path("hooks"))) lint.info("no hooks directory");
  if (!exists(charm.path("copyright"))) lint.warn("no copyright file");
  check_readmes(charm, lint);
}

void check_leftover_files(const std::string& dir, Linter& lint) {
  if (exists(join_path(join_path(dir, "tests"), "00-autogen")))
    lint.warn("Includes template test file, tests/00-autogen");
  std::string revision = join_path(dir, "revision");
  if (!exists(revision)) return;
  std::string content;
  if (int error = read_bytes(revision, content)) throw Abort(revision + ": " + std::strerror(error));
  if (py_int_of_text(content) == PyInt::invalid) lint.err("revision file contains non-numeric data");
}

}  // namespace proof
