// SHA-256 of files, remembered by (size, mtime, ctime, inode) so that a rebuild does not read
// files that did not change, as git's index does. Entries whose mtime or ctime is within
// 100 ms of when they were recorded are not trusted by later runs ("racy" files: file times
// come from the kernel's coarse clock, a few milliseconds per tick, so a change in the same
// tick would keep the same stat data). Hashes computed or written by this process are
// trusted for the rest of it.
#pragma once
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <string>

namespace util {

class HashCache {
 public:
  // An empty path gives a cache that is never loaded or saved.
  explicit HashCache(std::filesystem::path file = {});
  std::string sha256(const std::filesystem::path& path);
  // The same, for a caller that already has the file's stat data (saves a system call per file).
  std::string sha256(const std::filesystem::path& path, const struct ::stat& st);
  // Records the hash of a file this process just wrote, so it is not read back.
  void remember(const std::filesystem::path& path, const std::string& sha256);
  // Writes the entries used since loading, atomically, when anything changed; failures are
  // ignored (it is only a cache).
  void save() const;
  size_t hits() const { return m_hits; }

 private:
  struct Entry {
    long long size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0, recorded_ns = 0;
    std::string sha256;
    bool this_run = false;  // computed or written by this process
    bool used = false;      // looked at by this process: saved
  };
  void record(const std::string& key, Entry entry);

  std::filesystem::path m_file;
  std::map<std::string, Entry> m_entries;
  size_t m_used = 0;  // entries with `used` set
  bool m_dirty = false;
  size_t m_hits = 0;
};

// The cache used by this process (set up by the build driver; a no-op cache until then).
HashCache& hash_cache();
void set_hash_cache(const std::filesystem::path& file);

}  // namespace util
