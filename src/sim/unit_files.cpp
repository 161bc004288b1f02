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

void copy_charm_tree(const fs::path& source, const fs::path& target) {
  if (!fs::is_directory(source)) throw std::runtime_error(source.string() + " is not a charm directory");
  fs::create_directories(target);
  for (auto it = fs::recursive_directory_iterator(source); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path rel = fs::relative(it->path(), source);
    const fs::path dest = target / rel;
    std::error_code ec;
    if (it->is_symlink()) {
      fs::remove(dest, ec);
      fs::copy_symlink(it->path(), dest);
    } else if (it->is_directory()) {
      fs::create_directories(dest);
    } else {
      fs::copy_file(it->path(), dest, fs::copy_options::overwrite_existing);
      fs::permissions(dest, fs::status(it->path()).permissions());
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
