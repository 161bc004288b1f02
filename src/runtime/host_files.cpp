// write_file and mkdir of charm/host.hpp: atomic replacement with owner and mode.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "charm/host.hpp"
#include "runtime/host_accounts.hpp"

namespace charm::host {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(int error, const fs::path& path, const std::string& step) {
  throw std::system_error(error, std::generic_category(), "cannot " + step + " " + path.string());
}

struct Owner {
  uid_t uid = static_cast<uid_t>(-1);  // -1: leave as it is (fchown's convention)
  gid_t gid = static_cast<gid_t>(-1);
};

Owner resolve(const std::optional<std::string>& owner, const std::optional<std::string>& group) {
  Owner ids;
  if (owner) ids.uid = detail::resolve_owner(*owner);
  if (group) ids.gid = detail::resolve_group(*group);
  return ids;
}

bool matches(const struct stat& st, mode_t mode, const Owner& ids) {
  return (st.st_mode & 07777) == (mode & 07777) && (ids.uid == static_cast<uid_t>(-1) || st.st_uid == ids.uid) &&
         (ids.gid == static_cast<gid_t>(-1) || st.st_gid == ids.gid);
}

// True when `path` is a regular file holding exactly `content`.
bool same_content(const fs::path& path, std::string_view content, off_t size) {
  if (static_cast<size_t>(size) != content.size()) return false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string buffer(65536, '\0');
  size_t offset = 0;
  bool same = true;
  while (same) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    same = offset + size_t(n) <= content.size() && content.compare(offset, size_t(n), buffer.data(), size_t(n)) == 0;
    offset += size_t(n);
  }
  ::close(fd);
  return same && offset == content.size();
}

void create_parents(const fs::path& dir, mode_t mode) {
  if (dir.empty()) return;
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) fail(ENOTDIR, dir, "create directory");
    return;
  }
  create_parents(dir.parent_path(), mode);
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) fail(errno, dir, "create directory");
  if (::chmod(dir.c_str(), mode) != 0) fail(errno, dir, "chmod");  // mkdir(2) applies the umask
}

void write_all(int fd, std::string_view content, const fs::path& temp) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(errno, temp, "write");
    done += size_t(n);
  }
}

// The temp file is removed unless it was renamed into place.
struct TempFile {
  fs::path path;
  int fd = -1;
  bool committed = false;
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!committed && !path.empty()) ::unlink(path.c_str());
  }
};

void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the rename happened; only its durability is at stake
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool write_file(const fs::path& requested, std::string_view content, const FileOptions& options) {
  std::error_code ec;
  fs::path path = fs::is_symlink(requested, ec) ? fs::weakly_canonical(requested, ec) : requested;
  if (ec) path = requested;
  Owner ids = resolve(options.owner, options.group);

  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) fail(EISDIR, path, "write");
    if (S_ISREG(st.st_mode) && matches(st, options.mode, ids) && same_content(path, content, st.st_size)) return false;
  }

  fs::path dir = path.parent_path();
  create_parents(dir, options.parents_mode);
  TempFile temp;
  std::string name = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  temp.fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (temp.fd < 0) fail(errno, path, "create a temporary file beside");
  temp.path = name;
  write_all(temp.fd, content, temp.path);
  // chown before chmod: chown clears set-user-ID and set-group-ID bits.
  if ((ids.uid != static_cast<uid_t>(-1) || ids.gid != static_cast<gid_t>(-1)) && ::fchown(temp.fd, ids.uid, ids.gid) != 0)
    fail(errno, path, "chown");
  if (::fchmod(temp.fd, options.mode & 07777) != 0) fail(errno, path, "chmod");
  if (::fsync(temp.fd) != 0) fail(errno, path, "sync");
  if (::rename(temp.path.c_str(), path.c_str()) != 0) fail(errno, path, "rename the temporary file to");
  temp.committed = true;
  sync_directory(dir);
  return true;
}

void mkdir(const fs::path& path, const DirOptions& options) {
  Owner ids = resolve(options.owner, options.group);
  create_parents(path.parent_path(), 0755);
  if (::mkdir(path.c_str(), options.mode & 07777) != 0 && errno != EEXIST) fail(errno, path, "create directory");
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) fail(errno, path, "stat");
  if (!S_ISDIR(st.st_mode)) fail(ENOTDIR, path, "create directory");
  if ((ids.uid != static_cast<uid_t>(-1) || ids.gid != static_cast<gid_t>(-1)) && ::chown(path.c_str(), ids.uid, ids.gid) != 0)
    fail(errno, path, "chown");
  if (::chmod(path.c_str(), options.mode & 07777) != 0) fail(errno, path, "chmod");
}

}  // namespace charm::host
