#include "pack/charm_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "pack/libzip_api.hpp"
#include "util/error.hpp"

namespace pack {

namespace fs = std::filesystem;

namespace {

// 1980-01-02: the DOS epoch (plus a day, so no time zone can push it before 1980).
constexpr time_t fixed_mtime = 315619200;
// Files smaller than this are stored, not deflated.
constexpr off_t k_store_below = 512;

struct Entry {
  std::string name;  // relative, '/'-separated; directories end with '/'
  fs::path path;
  mode_t mode;
  off_t size = 0;
};

// Every regular file, and every empty directory, under root. Types come from the directory
// listing; only files are stat'ed (for mode and size), and a directory's emptiness is seen from
// the listing too: each system call counts on a VM (see bench/README.md).
std::vector<Entry> collect(const fs::path& root) {
  std::vector<Entry> entries;
  std::set<std::string> dirs, parents;  // names with a trailing '/'
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().lexically_relative(root).generic_string();
    size_t slash = name.rfind('/');
    if (slash != std::string::npos) parents.insert(name.substr(0, slash + 1));
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      dirs.insert(name + "/");
      continue;
    }
    struct stat st {};
    if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    entries.push_back({name, it->path(), st.st_mode, st.st_size});
  }
  if (ec) throw util::BuildError("cannot read " + root.string() + ": " + ec.message());
  for (const std::string& dir : dirs) {
    if (parents.count(dir)) continue;
    struct stat st {};
    fs::path path = root / dir.substr(0, dir.size() - 1);
    if (::stat(path.c_str(), &st) == 0) entries.push_back({dir, path, st.st_mode, 0});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return entries;
}

// The file's bytes in a malloc'd buffer that libzip frees (one open and read per file; a file
// source would stat and seek it again). nullptr when it cannot be read.
void* read_for_zip(const Entry& entry) {
  int fd = ::open(entry.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  size_t size = static_cast<size_t>(entry.size);
  char* data = static_cast<char*>(std::malloc(size ? size : 1));
  size_t done = 0;
  while (data && done < size) {
    ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (data && done != size) {  // changed under us: refuse rather than pack a torn file
    std::free(data);
    return nullptr;
  }
  return data;
}

[[noreturn]] void fail(zip_t* archive, const fs::path& zip_path, const std::string& what) {
  const LibzipApi& zip = libzip();
  std::string detail = archive ? zip.strerror(archive) : "";
  if (archive) zip.discard(archive);
  throw util::BuildError("cannot write " + zip_path.string() + ": " + what + (detail.empty() ? "" : " (" + detail + ")"));
}

}  // namespace

void write_charm_file(const fs::path& charm_dir, const fs::path& zip_path) {
  const LibzipApi& zip = libzip();
  std::vector<Entry> entries = collect(charm_dir);
  int error = 0;
  zip_t* archive = zip.open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_error_t ze;
    zip.error_init_with_code(&ze, error);
    std::string message = zip.error_strerror(&ze);
    zip.error_fini(&ze);
    throw util::BuildError("cannot write " + zip_path.string() + ": " + message);
  }
  for (const Entry& entry : entries) {
    zip_int64_t index;
    if (entry.name.back() == '/') {
      index = zip.dir_add(archive, entry.name.c_str(), ZIP_FL_ENC_UTF_8);
    } else {
      void* data = read_for_zip(entry);
      if (!data) fail(archive, zip_path, "cannot read " + entry.path.string());
      zip_source_t* source = zip.source_buffer(archive, data, static_cast<zip_uint64_t>(entry.size), 1);
      if (!source) {
        std::free(data);
        fail(archive, zip_path, "cannot read " + entry.path.string());
      }
      index = zip.file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
      if (index < 0) {
        zip.source_free(source);
        fail(archive, zip_path, "cannot add " + entry.name);
      }
      // zlib's fastest level: deflate dominated packing time at higher levels (level 9 took ~10x
      // longer than level 1) for a few percent smaller charms. Small files (the hook stubs) are
      // stored: each deflate stream costs ~400 KB of zeroed tables, more than such a file saves.
      if (entry.size < k_store_below)
        zip.set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
      else
        zip.set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
    }
    if (index < 0) fail(archive, zip_path, "cannot add " + entry.name);
    auto i = static_cast<zip_uint64_t>(index);
    // Unix modes in the high 16 bits of the external attributes, as zip and Juju expect.
    if (zip.file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, static_cast<zip_uint32_t>(entry.mode) << 16) != 0 ||
        zip.file_set_mtime(archive, i, fixed_mtime, 0) != 0)
      fail(archive, zip_path, "cannot set attributes of " + entry.name);
  }
  if (zip.close(archive) != 0) fail(archive, zip_path, "cannot finish the archive");
}

}  // namespace pack
