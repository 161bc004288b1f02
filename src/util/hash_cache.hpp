// SHA-256 of files, remembered by (size, mtime, ctime, inode) so that a rebuild does not read
// files that did not change, as git's index does. Entries whose mtime is within a second of
// when they were recorded are not trusted ("racy" files: a change in the same clock tick
// would keep the same stat data).
#pragma once
#include <filesystem>
#include <map>
#include <string>

namespace util {

class HashCache {
 public:
  // An empty path gives a cache that is never loaded or saved.
  explicit HashCache(std::filesystem::path file = {});
  std::string sha256(const std::filesystem::path& path);
  // Writes the entries used since loading, atomically, when anything changed; failures are
  // ignored (it is only a cache).
  void save() const;
  size_t hits() const { return m_hits; }

 private:
  struct Entry {
    long long size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0, recorded_ns = 0;
    std::string sha256;
  };
  std::filesystem::path m_file;
  std::map<std::string, Entry> m_entries;
  std::map<std::string, Entry> m_used;  // saved: entries of files this run looked at
  bool m_dirty = false;
  size_t m_hits = 0;
};

// The cache used by this process (set up by the build driver; a no-op cache until then).
HashCache& hash_cache();
void set_hash_cache(const std::filesystem::path& file);

}  // namespace util
