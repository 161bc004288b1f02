#include "sim/unit_files.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <vector>

#include "sim/tools/tool.hpp"

extern char** environ;

namespace sim {
namespace fs = std::filesystem;

std::string unit_dir_name(const std::string& unit) {
  std::string out = unit;
  for (auto& c : out)
    if (c == '/') c = '-';
  return out;
}

std::string loopback_address(int machine_id) {
  int n = machine_id;
  return "127.0." + std::to_string(1 + n / 250) + "." + std::to_string(n % 250 + 1);
}

void link_tools(const fs::path& binary, const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& tool : tool_names()) {
    fs::path link = dir / tool;
    std::error_code ec;
    if (fs::is_symlink(link, ec) && fs::read_symlink(link, ec) == binary) continue;
    fs::remove(link, ec);
    fs::create_symlink(binary, link);
  }
}

namespace {

// What was at `dest` goes when a different kind of entry takes its place (a directory where a
// file was, or the reverse); same kinds are replaced by rename below.
void clear_other_kind(const fs::path& dest, bool want_directory) {
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(dest, ec);
  if (ec || !fs::exists(st)) return;
  if (fs::is_directory(st) != want_directory) fs::remove_all(dest);
}

// The new entry is made beside the old one and renamed over it. Writing into the old file
// fails with "Text file busy" while the charm's binary runs, and would change a file a running
// hook still reads; after a rename the old inode lives on until its last user is done.
fs::path temp_beside(const fs::path& dest) { return dest.parent_path() / ("." + dest.filename().string() + ".charm-sim-new"); }

void replace_file(const fs::path& source, const fs::path& dest) {
  const fs::path temp = temp_beside(dest);
  std::error_code ec;
  fs::remove(temp, ec);
  try {
    fs::copy_file(source, temp);
    fs::permissions(temp, fs::status(source).permissions());
    fs::rename(temp, dest);
  } catch (...) {
    fs::remove(temp, ec);
    throw;
  }
}

void replace_symlink(const fs::path& source, const fs::path& dest) {
  const fs::path temp = temp_beside(dest);
  std::error_code ec;
  fs::remove(temp, ec);
  fs::copy_symlink(source, temp);
  fs::rename(temp, dest);
}

}  // namespace

void copy_charm_tree(const fs::path& source, const fs::path& target) {
  if (!fs::is_directory(source)) throw std::runtime_error(source.string() + " is not a charm directory");
  fs::create_directories(target);
  for (auto it = fs::recursive_directory_iterator(source); it != fs::recursive_directory_iterator(); ++it) {
    // lexically: fs::relative would follow a symlink to its target and copy it there.
    const fs::path dest = target / it->path().lexically_relative(source);
    if (it->is_symlink()) {
      clear_other_kind(dest, false);
      replace_symlink(it->path(), dest);
    } else if (it->is_directory()) {
      clear_other_kind(dest, true);
      fs::create_directories(dest);
    } else {
      clear_other_kind(dest, false);
      replace_file(it->path(), dest);
    }
  }
}

int run_attached(const ProcessSpec& spec) {
  std::vector<std::string> argv = spec.argv;
  std::vector<char*> c_argv;
  for (auto& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, spec.cwd.c_str());
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace sim
