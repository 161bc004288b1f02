// charm-helpers' unitdata store in SQLite: same file, schema and JSON text, so a unit can move
// between the Python and the C++ runtime. One write transaction, held from open to commit.
// Writes wait in memory until commit, which applies only those that change the stored text:
// reactive bookkeeping that is set and unset within a hook costs no disk write and no fsync.
#include "charm/kv.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace charm {
namespace {

// Statements prepared once per store: a hook does hundreds of gets.
enum Sql { get_data, upsert, delete_key, range_to, range_open, sql_count };
constexpr std::array<const char*, sql_count> k_sql{
    "SELECT data FROM kv WHERE key = ?1",
    "INSERT INTO kv (key, data) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET data = excluded.data",
    "DELETE FROM kv WHERE key = ?1",
    // Exact prefix match as a key range [prefix, successor): no LIKE wildcards, no case folding,
    // and the primary-key index does the work.
    "SELECT key, data FROM kv WHERE key >= ?1 AND key < ?2 ORDER BY key",
    "SELECT key, data FROM kv WHERE key >= ?1 ORDER BY key",
};

// A write waiting for commit: the new JSON text, or nullopt for a deletion.
using Pending = std::map<std::string, std::optional<std::string>, std::less<>>;

constexpr const char* k_schema =
    "CREATE TABLE IF NOT EXISTS kv (key TEXT, data TEXT, PRIMARY KEY (key));"
    "CREATE TABLE IF NOT EXISTS kv_revisions (key TEXT, revision INTEGER, data TEXT, PRIMARY KEY (key, revision));"
    "CREATE TABLE IF NOT EXISTS hooks (version INTEGER PRIMARY KEY AUTOINCREMENT, hook TEXT, date TEXT);";

// Waiting this long for another process's transaction matches Python sqlite3's default timeout.
constexpr int k_busy_timeout_ms = 5000;

// The smallest string greater than every string starting with prefix (byte order), or nullopt
// when there is none (empty or all-0xFF prefix).
std::optional<std::string> prefix_end(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (end.empty()) return std::nullopt;
  end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

// Resets a statement when a use of it ends, however it ends.
struct Use {
  sqlite3_stmt* stmt;
  ~Use() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

void bind_text(sqlite3_stmt* stmt, int index, std::string_view text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* stmt, int col) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt, col))) : std::string();
}

}  // namespace

struct KeyValueStore::Impl {
  std::string path;
  sqlite3* db = nullptr;
  std::array<sqlite3_stmt*, sql_count> stmts{};
  Pending pending;

  explicit Impl(const std::filesystem::path& p) : path(p.string()) {
    if (path != ":memory:") create_private_file();
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close_v2(db);
      db = nullptr;
      throw std::runtime_error("kv: cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db, k_busy_timeout_ms);
    try {
      exec(k_schema);  // committed at once, as unitdata does: other readers find the tables
      begin();
    } catch (...) {
      close();  // no destructor runs for a half-constructed Impl
      throw;
    }
  }

  ~Impl() { close(); }

  void close() {
    if (!db) return;
    if (in_transaction()) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    for (sqlite3_stmt*& s : stmts) sqlite3_finalize(std::exchange(s, nullptr));
    sqlite3_close_v2(std::exchange(db, nullptr));
  }

  // unitdata creates the file itself and makes it 0600 before SQLite opens it; so do we.
  void create_private_file() {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::fchmod(fd, 0600);  // whatever the umask
      ::close(fd);
    } else if (errno != EEXIST) {
      throw std::runtime_error("kv: cannot create " + path + ": " + std::strerror(errno));
    }
  }

  [[noreturn]] void fail(std::string_view what) const {
    throw std::runtime_error("kv: " + std::string(what) + " (" + path + "): " + sqlite3_errmsg(db));
  }

  void exec(const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
  }

  sqlite3_stmt* stmt(Sql which) {
    if (!stmts[which] &&
        sqlite3_prepare_v3(db, k_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &stmts[which], nullptr) != SQLITE_OK)
      fail(k_sql[which]);
    return stmts[which];
  }

  bool in_transaction() const { return sqlite3_get_autocommit(db) == 0; }

  // BEGIN IMMEDIATE takes the write lock now, waiting up to the busy timeout for another
  // writer: a DEFERRED transaction that read first could fail at once on the read-to-write
  // upgrade (SQLite's deadlock rule). Other processes can still read committed data meanwhile
  // (rollback journal), and every read of the hook is a cache hit without file locking.
  void begin() { exec("BEGIN IMMEDIATE"); }

  // SQLite ends a transaction by itself after some errors (disk full, I/O): writing on, or
  // committing, would then silently drop what came before.
  void check_open() const {
    if (!in_transaction())
      throw std::runtime_error("kv: the transaction on " + path + " was rolled back by an earlier error");
  }

  void step_done(sqlite3_stmt* s, std::string_view what) {
    if (sqlite3_step(s) != SQLITE_DONE) fail(what);
  }

  std::optional<std::string> get_text(std::string_view key) {
    if (auto it = pending.find(key); it != pending.end()) return it->second;
    return stored_text(key);
  }

  std::optional<std::string> stored_text(std::string_view key) {
    sqlite3_stmt* s = stmt(get_data);
    Use use{s};
    bind_text(s, 1, key);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) return column_text(s, 0);
    if (rc != SQLITE_DONE) fail("get");
    return std::nullopt;
  }

  // Stored rows with keys in [prefix, successor), with the pending writes laid over them.
  std::map<std::string, std::string> range_text(std::string_view prefix) {
    std::optional<std::string> end = prefix_end(prefix);
    sqlite3_stmt* s = stmt(end ? range_to : range_open);
    Use use{s};
    bind_text(s, 1, prefix);
    if (end) bind_text(s, 2, *end);
    std::map<std::string, std::string> rows;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) rows.emplace(column_text(s, 0), column_text(s, 1));
    if (rc != SQLITE_DONE) fail("get_range");
    for (auto it = pending.lower_bound(prefix); it != pending.end() && it->first.starts_with(prefix); ++it) {
      if (it->second) rows[it->first] = *it->second;
      else rows.erase(it->first);
    }
    return rows;
  }

  // Applies the pending writes that change what is stored.
  void flush() {
    for (const auto& [key, text] : pending) {
      if (stored_text(key) == text) continue;
      sqlite3_stmt* s = stmt(text ? upsert : delete_key);
      Use use{s};
      bind_text(s, 1, key);
      if (text) bind_text(s, 2, *text);
      step_done(s, text ? "set" : "unset");
    }
    pending.clear();
  }
};

KeyValueStore::KeyValueStore(const std::filesystem::path& path) : m_impl(std::make_unique<Impl>(path)) {}
KeyValueStore::~KeyValueStore() = default;  // Impl's destructor rolls back
KeyValueStore::KeyValueStore(KeyValueStore&&) noexcept = default;
KeyValueStore& KeyValueStore::operator=(KeyValueStore&&) noexcept = default;

std::optional<nlohmann::json> KeyValueStore::get(std::string_view key) const {
  std::optional<std::string> text = m_impl->get_text(key);
  if (!text) return std::nullopt;
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error("kv: value of key '" + std::string(key) + "' is not JSON: " + e.what());
  }
}

void KeyValueStore::set(std::string_view key, const nlohmann::json& value) {
  std::string text = python_json_dumps(value);
  if (m_impl->get_text(key) == text) return;
  m_impl->check_open();
  m_impl->pending.insert_or_assign(std::string(key), std::move(text));
}

void KeyValueStore::unset(std::string_view key) {
  m_impl->check_open();
  m_impl->pending.insert_or_assign(std::string(key), std::nullopt);
}

std::map<std::string, nlohmann::json> KeyValueStore::get_range(std::string_view prefix, bool strip) const {
  std::map<std::string, nlohmann::json> result;
  for (auto& [key, text] : m_impl->range_text(prefix)) {
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded()) throw std::runtime_error("kv: value of key '" + key + "' is not JSON");
    result.emplace(strip ? key.substr(prefix.size()) : key, std::move(value));
  }
  return result;
}

void KeyValueStore::unset_range(std::string_view prefix) {
  m_impl->check_open();
  for (auto& [key, text] : m_impl->range_text(prefix)) m_impl->pending.insert_or_assign(key, std::nullopt);
}

void KeyValueStore::commit() {
  m_impl->check_open();
  m_impl->flush();
  m_impl->exec("COMMIT");
  m_impl->begin();
}

void KeyValueStore::rollback() {
  m_impl->pending.clear();
  if (m_impl->in_transaction()) m_impl->exec("ROLLBACK");
  m_impl->begin();
}

std::filesystem::path KeyValueStore::default_path() {
  const char* db = std::getenv("UNIT_STATE_DB");
  if (db && *db) return db;
  // charm-helpers: os.path.join(os.environ.get('CHARM_DIR', ''), '.unit-state.db')
  const char* dir = std::getenv("CHARM_DIR");
  return std::filesystem::path(dir ? dir : "") / ".unit-state.db";
}

}  // namespace charm
