#include "pack/charm_file.hpp"

#include <sys/stat.h>

#include <algorithm>
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

struct Entry {
  std::string name;  // relative, '/'-separated; directories end with '/'
  fs::path path;
  mode_t mode;
};

std::vector<Entry> collect(const fs::path& root) {
  std::vector<Entry> entries;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat st {};
    if (::stat(it->path().c_str(), &st) != 0) continue;
    std::string name = it->path().lexically_relative(root).generic_string();
    if (S_ISDIR(st.st_mode)) {
      if (fs::is_empty(it->path(), ec)) entries.push_back({name + "/", it->path(), st.st_mode});
    } else if (S_ISREG(st.st_mode)) {
      entries.push_back({name, it->path(), st.st_mode});
    }
  }
  if (ec) throw util::BuildError("cannot read " + root.string() + ": " + ec.message());
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return entries;
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
      zip_source_t* source = zip.source_file(archive, entry.path.c_str(), 0, -1);
      if (!source) fail(archive, zip_path, "cannot read " + entry.path.string());
      index = zip.file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
      if (index < 0) {
        zip.source_free(source);
        fail(archive, zip_path, "cannot add " + entry.name);
      }
      // zlib's fastest level: deflate dominated packing time at higher levels (level 9 took ~10x
      // longer than level 1) for a few percent smaller charms.
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
