// The recipe of the machine image and its root filesystem tarball: debootstrap into a
// temporary dir beside the cache, the clean-ups machines.md lists, tar, rename into place.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/machine_image.hpp"
#include "util/file.hpp"
#include "util/process.hpp"

namespace sim {
namespace fs = std::filesystem;

namespace {

constexpr const char* kSuite = "bookworm";
constexpr const char* kVariant = "minbase";
// systemd as PID 1, dbus for systemctl and logind, ip for addresses, TLS roots and apt for
// charms that install packages.
const std::vector<std::string> kPackages{"systemd", "systemd-sysv", "dbus", "iproute2", "ca-certificates", "apt"};
// Bump when a step below changes what ends up in the image.
constexpr int kRecipeVersion = 1;

std::string mirror() {
  const char* env = std::getenv("CHARM_SIM_DEBIAN_MIRROR");
  return env && *env ? env : "http://deb.debian.org/debian";
}

std::string include_list() {
  std::string out;
  for (const auto& p : kPackages) out += (out.empty() ? "" : ",") + p;
  return out;
}

// Mount points under dir (debootstrap mounts /proc and /sys in its target while it runs and
// leaves them when it is killed), deepest first.
std::vector<std::string> mounts_under(const fs::path& dir) {
  std::ifstream info("/proc/self/mountinfo");
  std::vector<std::string> out;
  const std::string prefix = dir.string() + "/";
  for (std::string line; std::getline(info, line);) {
    std::istringstream fields(line);
    std::string id, parent, dev, root, point;
    fields >> id >> parent >> dev >> root >> point;
    std::string decoded;  // mountinfo writes spaces and the like as \040
    for (size_t i = 0; i < point.size(); ++i) {
      if (point[i] == '\\' && i + 3 < point.size()) {
        decoded += static_cast<char>(std::stoi(point.substr(i + 1, 3), nullptr, 8));
        i += 3;
      } else {
        decoded += point[i];
      }
    }
    if (decoded.rfind(prefix, 0) == 0) out.push_back(decoded);
  }
  std::sort(out.rbegin(), out.rend());
  return out;
}

// Removes a scratch root filesystem; never crosses into a mount (a left /proc or /sys).
void remove_scratch(const fs::path& dir) {
  for (const auto& point : mounts_under(dir)) ::umount2(point.c_str(), MNT_DETACH);
  if (!mounts_under(dir).empty()) throw std::runtime_error("cannot unmount what debootstrap left mounted under " + dir.string());
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// What machines.md says a rootfs needs before it becomes an image.
void clean_rootfs(const fs::path& root) {
  // An empty machine-id makes systemd generate a new one at every boot: no two machines share one.
  std::ofstream(root / "etc/machine-id", std::ios::trunc);
  std::error_code ec;
  fs::remove(root / "var/lib/dbus/machine-id", ec);
  for (const auto& entry : fs::directory_iterator(root / "var/cache/apt/archives", ec))
    if (entry.path().extension() == ".deb") fs::remove(entry.path(), ec);
}

// An exclusive lock on the cache dir: two commands never debootstrap at once.
class CacheLock {
 public:
  explicit CacheLock(const fs::path& dir) {
    m_fd = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) throw std::runtime_error("cannot open " + (dir / ".lock").string() + ": " + std::strerror(errno));
    while (::flock(m_fd, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  ~CacheLock() { ::close(m_fd); }
  CacheLock(const CacheLock&) = delete;
  CacheLock& operator=(const CacheLock&) = delete;

 private:
  int m_fd = -1;
};

std::string log_tail(const std::string& text, size_t lines) {
  std::vector<std::string> all;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) all.push_back(line);
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += all[i] + "\n";
  return out;
}

std::string debootstrap_program() {
  if (auto found = util::find_on_path("debootstrap")) return found->string();
  if (fs::exists("/usr/sbin/debootstrap")) return "/usr/sbin/debootstrap";
  throw std::runtime_error("building the machine image needs debootstrap: apt-get install debootstrap (scripts/setup.sh does)");
}

}  // namespace

std::string machine_image_recipe() {
  std::ostringstream text;
  text << "charm-sim machine image, recipe version " << kRecipeVersion << "\n"
       << "debootstrap --variant=" << kVariant << " --include=" << include_list() << " " << kSuite << "\n"
       << "empty /etc/machine-id; remove /var/lib/dbus/machine-id; remove /var/cache/apt/archives/*.deb\n"
       << "tar --numeric-owner; docker import\n";
  return text.str();
}

std::string machine_image_recipe_hash() { return util::sha256_hex(machine_image_recipe()); }

std::string machine_image_tag() { return std::string("charm-sim/machine:") + kSuite + "-" + machine_image_recipe_hash().substr(0, 12); }

fs::path machine_image_cache_dir() {
  if (const char* env = std::getenv("CHARM_BUILD_CACHE"); env && *env) return fs::path(env) / "machine-images";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/root") / ".cache/charm-build/machine-images";
}

fs::path machine_rootfs_tarball(const Progress& progress) {
  const fs::path cache = machine_image_cache_dir();
  const std::string hash = machine_image_recipe_hash();
  const fs::path tarball = cache / (std::string(kSuite) + "-" + hash.substr(0, 12) + ".tar");
  if (fs::exists(tarball)) return tarball;
  fs::create_directories(cache);
  CacheLock lock(cache);
  if (fs::exists(tarball)) return tarball;  // another command made it while we waited
  // Scratch dirs of killed builds.
  for (const auto& entry : fs::directory_iterator(cache))
    if (entry.path().filename().string().rfind("rootfs.", 0) == 0) remove_scratch(entry.path());

  const std::string debootstrap = debootstrap_program();
  if (::geteuid() != 0) throw std::runtime_error("building the machine image needs root (debootstrap makes device nodes and chroots)");
  std::string scratch_template = (cache / "rootfs.XXXXXX").string();
  if (!::mkdtemp(scratch_template.data())) throw std::runtime_error("cannot create a directory in " + cache.string());
  const fs::path scratch = scratch_template;
  const fs::path root = scratch / "root";
  const fs::path log = cache / "debootstrap.log";
  try {
    progress("debootstrap " + std::string(kSuite) + " from " + mirror() + " (about a minute; log: " + log.string() + ")");
    util::ProcessOptions options;
    options.timeout = std::chrono::minutes(30);
    options.env.emplace_back("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    auto result = util::run_process({debootstrap, "--variant=" + std::string(kVariant), "--include=" + include_list(), kSuite,
                                     root.string(), mirror()},
                                    cache, options);
    std::ofstream(log, std::ios::trunc) << result.output;
    if (result.exit_code != 0 || result.timed_out)
      throw std::runtime_error("debootstrap failed" + std::string(result.timed_out ? " (timed out after 30 minutes)" : "") +
                               "; the end of " + log.string() + ":\n" + log_tail(result.output, 12));
    clean_rootfs(root);
    const fs::path partial = scratch / "rootfs.tar";
    auto tar = util::run_process({"tar", "--numeric-owner", "-C", root.string(), "-cf", partial.string(), "."}, cache, options);
    if (tar.exit_code != 0) throw std::runtime_error("tar of " + root.string() + " failed: " + tar.output);
    fs::rename(partial, tarball);
  } catch (...) {
    remove_scratch(scratch);
    throw;
  }
  remove_scratch(scratch);
  return tarball;
}

}  // namespace sim
