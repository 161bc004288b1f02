#include "util/hash_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/file.hpp"

namespace util {

namespace fs = std::filesystem;

namespace {

long long ns_of(const struct timespec& t) { return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec; }

long long now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr long long racy_window_ns = 100000000LL;
const std::string format_line = "charm-build file hashes 1\n";

}  // namespace

HashCache::HashCache(fs::path file) : m_file(std::move(file)) {
  if (m_file.empty()) return;
  auto text = read_file_if_exists(m_file);
  if (!text || text->rfind(format_line, 0) != 0) return;  // absent, or another format: rebuilt
  // One entry per line: size mtime ctime inode recorded sha256 path (the path may contain spaces).
  // Parsed by hand: istringstream made loading the cache cost more than what it saves.
  const char* p = text->data() + format_line.size();
  const char* end = text->data() + text->size();
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (!nl) break;  // a torn last line is dropped
    Entry e;
    char* cursor = const_cast<char*>(p);
    long long* fields[] = {&e.size, &e.mtime_ns, &e.ctime_ns, &e.inode, &e.recorded_ns};
    bool ok = true;
    for (long long* field : fields) {
      *field = std::strtoll(cursor, &cursor, 10);
      ok = ok && cursor < nl && *cursor == ' ';
      ++cursor;
    }
    if (ok && nl - cursor > 65 && cursor[64] == ' ') {
      e.sha256.assign(cursor, 64);
      m_entries.emplace(std::string(static_cast<const char*>(cursor) + 65, nl), std::move(e));
    }
    p = nl + 1;
  }
}

std::string HashCache::sha256(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return sha256_file(path);  // let it report the error
  return sha256(path, st);
}

std::string HashCache::sha256(const fs::path& path, const struct ::stat& st) {
  std::string key = path.string();
  auto it = m_entries.find(key);
  long long mtime = ns_of(st.st_mtim), ctime = ns_of(st.st_ctim);
  if (it != m_entries.end() && it->second.size == st.st_size && it->second.mtime_ns == mtime &&
      it->second.ctime_ns == ctime && it->second.inode == static_cast<long long>(st.st_ino) &&
      (it->second.this_run || it->second.recorded_ns - std::max(mtime, ctime) > racy_window_ns)) {
    ++m_hits;
    if (!it->second.used) ++m_used;
    it->second.used = true;
    return it->second.sha256;
  }
  std::string sha = sha256_file(path);
  if (!m_file.empty() && key.find('\n') == std::string::npos) {  // the file format is line-based
    record(key, Entry{st.st_size, mtime, ctime, static_cast<long long>(st.st_ino), now_ns(), sha, true});
  }
  return sha;
}

void HashCache::remember(const fs::path& path, const std::string& sha) {
  struct stat st {};
  std::string key = path.string();
  if (m_file.empty() || ::stat(path.c_str(), &st) != 0 || key.find('\n') != std::string::npos) return;
  record(key, Entry{st.st_size, ns_of(st.st_mtim), ns_of(st.st_ctim), static_cast<long long>(st.st_ino), now_ns(), sha, true});
}

void HashCache::record(const std::string& key, Entry entry) {
  entry.used = true;
  Entry& slot = m_entries[key];
  if (!slot.used) ++m_used;
  slot = std::move(entry);
  m_dirty = true;
}

void HashCache::save() const {
  if (m_file.empty() || (!m_dirty && m_used == m_entries.size())) return;
  std::error_code ec;
  fs::create_directories(m_file.parent_path(), ec);
  fs::path tmp = m_file.string() + ".tmp." + std::to_string(::getpid());
  // Written in chunks: the whole text of a 10,000-file build is megabytes, held at the end of
  // the build when everything else is still in memory.
  std::FILE* out = std::fopen(tmp.c_str(), "we");
  if (!out) return;
  ::fchmod(::fileno(out), 0600);
  bool ok = std::fputs(format_line.c_str(), out) >= 0;
  for (const auto& [path, e] : m_entries) {
    if (!e.used) continue;  // files no build looks at any more are forgotten
    ok = ok && std::fprintf(out, "%lld %lld %lld %lld %lld %s %s\n", e.size, e.mtime_ns, e.ctime_ns, e.inode, e.recorded_ns,
                            e.sha256.c_str(), path.c_str()) > 0;
  }
  ok = std::fclose(out) == 0 && ok;
  if (ok) fs::rename(tmp, m_file, ec);
  fs::remove(tmp, ec);
}

namespace {
HashCache& instance() {
  static HashCache cache;
  return cache;
}
}  // namespace

HashCache& hash_cache() { return instance(); }

void set_hash_cache(const fs::path& file) { instance() = HashCache(file); }

}  // namespace util
