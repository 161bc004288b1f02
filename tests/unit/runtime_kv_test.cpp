#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "charm/kv.hpp"

using charm::KeyValueStore;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kv-test-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    path = tmpl;
  }
  ~TempDir() { fs::remove_all(path); }
};

// The interpreter itself: `python3` on PATH may be a wrapper that takes a second to start.
const std::string& python_exe() {
  static const std::string exe = [] {
    FILE* p = ::popen("python3 -c 'import sys; print(sys.executable)'", "r");
    char buf[4096] = {};
    std::string path = p && std::fgets(buf, sizeof buf, p) ? buf : "python3\n";
    if (p) ::pclose(p);
    path.pop_back();
    return path;
  }();
  return exe;
}

// Runs a Python script as a second process (as the Python runtime would touch the same file).
struct Python {
  FILE* pipe;
  Python(const TempDir& dir, const std::string& script, const std::string& args) {
    std::ofstream(dir.path / "script.py") << "import json, sqlite3, sys, time\n" << script;
    pipe = ::popen((python_exe() + " -S " + (dir.path / "script.py").string() + " " + args).c_str(), "r");
    REQUIRE(pipe);
  }
  std::string line() {
    char buf[4096] = {};
    if (!std::fgets(buf, sizeof buf, pipe)) return "<eof>";
    std::string s(buf);
    if (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
  }
  int wait() { return ::pclose(pipe); }
};

std::string read_by_python(const TempDir& dir, const fs::path& db, const std::string& key) {
  Python py(dir,
            "c = sqlite3.connect(sys.argv[1], timeout=5)\n"
            "r = c.execute('select data from kv where key=?', (sys.argv[2],)).fetchone()\n"
            "print(r[0] if r else '<none>')\n",
            db.string() + " " + key);
  std::string out = py.line();
  REQUIRE(py.wait() == 0);
  return out;
}

}  // namespace

TEST_CASE("kv: creates the unitdata schema in a 0600 file", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / ".unit-state.db";
  ::umask(022);
  { KeyValueStore kv(db); }
  struct stat st {};
  REQUIRE(::stat(db.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  sqlite3* conn = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &conn) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(conn, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name", -1, &s, nullptr);
  std::vector<std::string> tables;
  while (sqlite3_step(s) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  sqlite3_close(conn);
  CHECK(tables == std::vector<std::string>{"hooks", "kv", "kv_revisions", "sqlite_sequence"});
}

TEST_CASE("kv: get/set/unset and JSON text as Python writes it", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "state.db";
  KeyValueStore kv(db);
  CHECK_FALSE(kv.get("missing"));
  kv.set("reactive.states.ready", nullptr);
  kv.set("k", json{{"b", 1.0}, {"a", "caf\xc3\xa9"}});
  REQUIRE(kv.get("reactive.states.ready"));
  CHECK(kv.get("reactive.states.ready")->is_null());
  CHECK(*kv.get("k") == json{{"a", "caf\xc3\xa9"}, {"b", 1.0}});
  kv.unset("reactive.states.ready");
  CHECK_FALSE(kv.get("reactive.states.ready"));
  kv.commit();
  CHECK(read_by_python(dir, db, "k") == R"({"a": "caf\u00e9", "b": 1.0})");
}

TEST_CASE("kv: rollback and the destructor drop uncommitted writes", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "state.db";
  {
    KeyValueStore kv(db);
    kv.set("kept", 1);
    kv.commit();
    kv.set("dropped", 2);
    kv.rollback();
    CHECK_FALSE(kv.get("dropped"));
    kv.set("after-rollback", 3);  // a new transaction began
    kv.commit();
    kv.set("never-committed", 4);
    kv.unset("kept");
  }
  KeyValueStore kv(db);
  CHECK(kv.get("kept") == json(1));
  CHECK(kv.get("after-rollback") == json(3));
  CHECK_FALSE(kv.get("dropped"));
  CHECK_FALSE(kv.get("never-committed"));
}

TEST_CASE("kv: a second process sees committed data only", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "state.db";
  KeyValueStore kv(db);
  kv.set("x", "first");
  CHECK(read_by_python(dir, db, "x") == "<none>");
  kv.commit();
  CHECK(read_by_python(dir, db, "x") == R"("first")");
  kv.set("x", "second");
  CHECK(read_by_python(dir, db, "x") == R"("first")");
  kv.rollback();
  CHECK(read_by_python(dir, db, "x") == R"("first")");
}

TEST_CASE("kv: a writer waits for another process's transaction instead of failing", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "state.db";
  { KeyValueStore(db).commit(); }
  Python py(dir,
            "c = sqlite3.connect(sys.argv[1], timeout=5)\n"
            "c.execute('insert into kv values (?, ?)', ('py', '1'))\n"
            "print('locked', flush=True)\n"
            "time.sleep(0.5)\n"
            "c.commit()\n",
            db.string());
  REQUIRE(py.line() == "locked");
  auto start = std::chrono::steady_clock::now();
  KeyValueStore kv(db);  // begins its transaction: waits for the lock the Python process holds
  CHECK(std::chrono::steady_clock::now() - start > std::chrono::milliseconds(200));
  kv.set("cxx", 2);
  kv.commit();
  CHECK(py.wait() == 0);
  CHECK(kv.get("py") == json(1));
  CHECK(read_by_python(dir, db, "cxx") == "2");
}

TEST_CASE("kv: set skips identical writes", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "state.db";
  { KeyValueStore(db).commit(); }
  sqlite3* conn = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &conn) == SQLITE_OK);
  REQUIRE(sqlite3_exec(conn,
                       "CREATE TABLE writes (key TEXT);"
                       "CREATE TRIGGER w1 AFTER INSERT ON kv BEGIN INSERT INTO writes VALUES (new.key); END;"
                       "CREATE TRIGGER w2 AFTER UPDATE ON kv BEGIN INSERT INTO writes VALUES (new.key); END;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  {
    KeyValueStore kv(db);
    kv.set("a", json{{"x", 1}});
    kv.set("a", json{{"x", 1}});
    kv.commit();
    kv.set("a", json{{"x", 1}});
    kv.set("a", json{{"x", 2}});
    kv.commit();
  }
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(conn, "SELECT count(*) FROM writes", -1, &s, nullptr);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  CHECK(sqlite3_column_int(s, 0) == 2);
  sqlite3_finalize(s);
  sqlite3_close(conn);
}

// The file change counter (header offset 24) moves with every transaction that wrote a page.
uint32_t change_counter(const fs::path& db) {
  std::ifstream in(db, std::ios::binary);
  unsigned char b[28] = {};
  in.read(reinterpret_cast<char*>(b), sizeof b);
  return uint32_t(b[24]) << 24 | uint32_t(b[25]) << 16 | uint32_t(b[26]) << 8 | b[27];
}

TEST_CASE("kv: a hook whose writes cancel out writes nothing to disk", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "state.db";
  {
    KeyValueStore kv(db);
    kv.set("kept", 1);
    kv.set("gone", 2);
    kv.commit();
  }
  uint32_t before = change_counter(db);
  {
    KeyValueStore kv(db);
    kv.set("scratch", json{{"iteration", 3}});  // reactive bookkeeping, unset at the end
    kv.unset("kept");
    kv.set("kept", 1);
    kv.unset("scratch");
    kv.unset("missing");
    kv.commit();
  }
  CHECK(change_counter(db) == before);
  {
    KeyValueStore kv(db);
    kv.unset("gone");
    kv.commit();
  }
  CHECK(change_counter(db) != before);
  KeyValueStore after(db);
  CHECK(after.get("kept") == json(1));
  CHECK_FALSE(after.get("gone"));
  CHECK_FALSE(after.get("scratch"));
}

TEST_CASE("kv: ranges see the writes of the open transaction", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "state.db";
  {
    KeyValueStore kv(db);
    kv.set("p.a", 1);
    kv.set("p.b", 2);
    kv.set("q", 3);
    kv.commit();
  }
  {
    KeyValueStore kv(db);
    kv.unset("p.a");
    kv.set("p.c", 4);
    CHECK(kv.get_range("p.", true) == std::map<std::string, json>{{"b", 2}, {"c", 4}});
    kv.unset_range("p.");
    CHECK(kv.get_range("p.").empty());
    CHECK(kv.get("q") == json(3));
    kv.set("p.d", 5);
    kv.commit();
  }
  CHECK(KeyValueStore(db).get_range("p.", true) == std::map<std::string, json>{{"d", 5}});
}

TEST_CASE("kv: ranges match the prefix exactly (no LIKE wildcards, case-sensitive)", "[kv]") {
  KeyValueStore kv(":memory:");
  for (const char* key :
       {"a_b", "a_b.1", "a_b.2", "axb.1", "A_B.1", "a%c.1", "a%", "abc.1", "a_", "\xc3\xa9.1", "\xc3\xa9"})
    kv.set(key, key);
  auto keys = [](const std::map<std::string, json>& m) {
    std::vector<std::string> k;
    for (const auto& [key, value] : m) k.push_back(key);
    return k;
  };
  CHECK(keys(kv.get_range("a_b")) == std::vector<std::string>{"a_b", "a_b.1", "a_b.2"});
  CHECK(keys(kv.get_range("a_b.", true)) == std::vector<std::string>{"1", "2"});
  CHECK(kv.get_range("a_b.", true)["1"] == json("a_b.1"));
  CHECK(keys(kv.get_range("a%")) == std::vector<std::string>{"a%", "a%c.1"});  // not abc.1
  CHECK(keys(kv.get_range("a_")) == std::vector<std::string>{"a_", "a_b", "a_b.1", "a_b.2"});
  CHECK(keys(kv.get_range("\xc3\xa9")) == std::vector<std::string>{"\xc3\xa9", "\xc3\xa9.1"});
  CHECK(kv.get_range("").size() == 11);
  CHECK(kv.get_range("zzz").empty());

  kv.unset_range("a_b.");
  CHECK(keys(kv.get_range("a")) == std::vector<std::string>{"a%", "a%c.1", "a_", "a_b", "abc.1", "axb.1"});
  kv.unset_range("a%");
  CHECK(keys(kv.get_range("a")) == std::vector<std::string>{"a_", "a_b", "abc.1", "axb.1"});
  kv.unset_range("");
  CHECK(kv.get_range("").empty());
}

TEST_CASE("kv: reads a database written by Python's unitdata", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "py.db";
  Python py(
      dir,
      "c = sqlite3.connect(sys.argv[1])\n"
      "c.execute('create table if not exists kv (key text, data text, primary key (key))')\n"
      "c.execute('insert into kv values (?, ?)', ('reactive.states.x', json.dumps({'relation': 'db', 'n': 1.5})))\n"
      "c.execute('insert into kv values (?, ?)', ('u', json.dumps('\\u65e5 \\U0001F600')))\n"
      "c.commit()\n",
      db.string());
  REQUIRE(py.wait() == 0);
  KeyValueStore kv(db);
  CHECK(kv.get("reactive.states.x") == json{{"relation", "db"}, {"n", 1.5}});
  CHECK(kv.get("u") == json("\xe6\x97\xa5 \xf0\x9f\x98\x80"));
  kv.set("u", "\xe6\x97\xa5 \xf0\x9f\x98\x80");  // same text as Python's: no write
  kv.commit();
}

TEST_CASE("kv: move keeps the open transaction", "[kv]") {
  TempDir dir;
  fs::path db = dir.path / "state.db";
  KeyValueStore a(db);
  a.set("k", true);
  KeyValueStore b(std::move(a));
  b.commit();
  CHECK(read_by_python(dir, db, "k") == "true");
}

TEST_CASE("kv: default_path", "[kv]") {
  ::setenv("UNIT_STATE_DB", "/tmp/custom.db", 1);
  ::setenv("CHARM_DIR", "/charm", 1);
  CHECK(KeyValueStore::default_path() == "/tmp/custom.db");
  ::unsetenv("UNIT_STATE_DB");
  CHECK(KeyValueStore::default_path() == "/charm/.unit-state.db");
  ::unsetenv("CHARM_DIR");
  CHECK(KeyValueStore::default_path() == ".unit-state.db");
}

// Expected texts are Python 3.11's json.dumps(v, sort_keys=True) output, pasted.
TEST_CASE("kv: python_json_dumps matches Python's json.dumps", "[kv]") {
  using charm::python_json_dumps;
  json nested = {
      {"b", {1, 2.5, nullptr, true, false}}, {"a", {{"z", "x"}, {"y", json::array()}}}, {"c", json::object()}};
  CHECK(python_json_dumps(nested, true) == R"({"a": {"y": [], "z": "x"}, "b": [1, 2.5, null, true, false], "c": {}})");
  json strings = {"caf\xc3\xa9",           "\xe6\x97\xa5\xe6\x9c\xac",
                  "\xf0\x9f\x98\x80",      std::string("\x00\x1f\x7f\xc2\x80", 5),
                  "tab\tnl\ncr\rq\"bs\\/", "\xe2\x80\xa8\xef\xbb\xbf"};
  CHECK(
      python_json_dumps(strings) ==
      R"(["caf\u00e9", "\u65e5\u672c", "\ud83d\ude00", "\u0000\u001f\u007f\u0080", "tab\tnl\ncr\rq\"bs\\/", "\u2028\ufeff"])");
  json floats = {1.0,           1e-07, 1e+20,   1e16,   1e15,   0.1,     -2.5e-300,
                 123456789.125, -0.0,  1.0 / 3, 5e-324, 0.0001, 0.00001, 1.7976931348623157e308};
  CHECK(python_json_dumps(floats) ==
        "[1.0, 1e-07, 1e+20, 1e+16, 1000000000000000.0, 0.1, -2.5e-300, 123456789.125, -0.0, 0.3333333333333333, "
        "5e-324, 0.0001, 1e-05, 1.7976931348623157e+308]");
  json ints = {0, -1, INT64_MAX, INT64_MIN, UINT64_MAX};
  CHECK(python_json_dumps(ints) == "[0, -1, 9223372036854775807, -9223372036854775808, 18446744073709551615]");
  json keys = {{"\xc3\xa9", 1}, {"z", 2}, {"A", 3}, {"\xf0\x9f\x98\x80", 4}, {"a b", 5}};
  CHECK(python_json_dumps(keys, true) == R"({"A": 3, "a b": 5, "z": 2, "\u00e9": 1, "\ud83d\ude00": 4})");
  CHECK(python_json_dumps("") == R"("")");
  CHECK(python_json_dumps(json::array()) == "[]");
  CHECK(python_json_dumps(json::object()) == "{}");
  CHECK(python_json_dumps(nullptr) == "null");
  CHECK(python_json_dumps("\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf") == R"("\ud7ff\ue000\uffff")");
  CHECK(python_json_dumps(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(python_json_dumps(-std::numeric_limits<double>::infinity()) == "-Infinity");
  // Undecodable bytes as Python's surrogateescape reads them (json.dumps(b.decode(errors=...))).
  CHECK(python_json_dumps("\xff\xc3(\xed\xa0\x80") == R"("\udcff\udcc3(\udced\udca0\udc80")");
}
