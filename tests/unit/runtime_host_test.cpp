// charm/host.hpp: atomic files, accounts, apt and services. System commands are replaced at the
// process boundary by recording scripts first on PATH; nothing is installed or started.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "charm/host.hpp"
#include "runtime/host_accounts.hpp"
#include "runtime/log_sink.hpp"

namespace fs = std::filesystem;
namespace host = charm::host;
using Argv = std::vector<std::string>;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text, fs::perms mode = fs::perms(0644)) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  fs::permissions(path, mode);
}

struct stat stat_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st;
}

// A temporary root with bin/ first on PATH; every script added there records its argv
// (NUL-separated, so newlines in arguments survive) under calls/, one file per call.
class FakeCommands {
 public:
  FakeCommands() {
    std::string tmpl = (fs::temp_directory_path() / "host-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    m_root = tmpl;
    fs::create_directories(bin());
    fs::create_directories(m_root / "calls");
    const char* path = std::getenv("PATH");
    m_old_path = path ? path : "/usr/bin:/bin";
    ::setenv("PATH", (bin().string() + ":" + m_old_path).c_str(), 1);
  }
  ~FakeCommands() {
    ::setenv("PATH", m_old_path.c_str(), 1);
    std::error_code ec;
    fs::remove_all(m_root, ec);
  }
  FakeCommands(const FakeCommands&) = delete;
  FakeCommands& operator=(const FakeCommands&) = delete;

  fs::path root() const { return m_root; }
  fs::path bin() const { return m_root / "bin"; }

  // A recording script at `path` (in bin/ for a bare name) running `body` after recording.
  void add(const fs::path& path, const std::string& body = "exit 0") const {
    fs::path file = path.has_parent_path() ? path : bin() / path;
    std::string calls = (m_root / "calls").string();
    write(file,
          "#!/bin/bash\n"
          "n=$(ls -1 '" + calls + "' | wc -l)\n"
          "printf '%s\\0' \"${0##*/}\" \"$@\" > '" + calls + "'/$(printf %04d \"$n\")\n" + body + "\n",
          fs::perms(0755));
  }

  std::vector<Argv> calls() const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(m_root / "calls")) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<Argv> result;
    for (const auto& file : files) {
      Argv argv;
      std::string text = read(file);
      for (size_t start = 0, end; (end = text.find('\0', start)) != std::string::npos; start = end + 1)
        argv.push_back(text.substr(start, end - start));
      result.push_back(argv);
    }
    return result;
  }

 private:
  fs::path m_root;
  std::string m_old_path;
};

const std::string nasty = "a b;$(touch PWNED)`touch PWNED`'\"\nz&|>x";

}  // namespace

// ---- Files ----------------------------------------------------------------------------------

TEST_CASE("host: write_file creates parents, sets the mode, leaves no temp file", "[host]") {
  FakeCommands tmp;
  fs::path file = tmp.root() / "etc/app/conf.d/app.conf";
  mode_t old_umask = ::umask(077);  // the mode is exact, whatever the umask
  CHECK(host::write_file(file, "port = 80\n", {.mode = 0640, .parents_mode = 0750}));
  ::umask(old_umask);
  CHECK(read(file) == "port = 80\n");
  CHECK((stat_of(file).st_mode & 07777) == 0640);
  CHECK((stat_of(file.parent_path()).st_mode & 07777) == 0750);
  CHECK((stat_of(tmp.root() / "etc").st_mode & 07777) == 0750);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(file.parent_path())) names.push_back(entry.path().filename());
  CHECK(names == std::vector<std::string>{"app.conf"});
}

TEST_CASE("host: write_file replaces by rename and skips an identical file", "[host]") {
  FakeCommands tmp;
  fs::path file = tmp.root() / "app.conf";
  write(file, "old contents that are longer\n");
  ino_t old_inode = stat_of(file).st_ino;

  CHECK(host::write_file(file, "new\n"));
  CHECK(read(file) == "new\n");
  ino_t new_inode = stat_of(file).st_ino;
  CHECK(new_inode != old_inode);  // a new file renamed over the old one, not rewritten in place

  CHECK_FALSE(host::write_file(file, "new\n"));  // same content and mode: untouched
  CHECK(stat_of(file).st_ino == new_inode);
  CHECK(host::write_file(file, "new\n", {.mode = 0600}));  // only the mode differs
  CHECK((stat_of(file).st_mode & 07777) == 0600);
  CHECK(host::write_file(file, "new!\n", {.mode = 0600}));  // same size, other bytes
  CHECK(read(file) == "new!\n");
  CHECK(host::write_file(file, "", {.mode = 0600}));
  CHECK(read(file).empty());
}

TEST_CASE("host: write_file follows a symlink and refuses a directory", "[host]") {
  FakeCommands tmp;
  write(tmp.root() / "real/target.conf", "old");
  fs::create_symlink(tmp.root() / "real/target.conf", tmp.root() / "link.conf");
  CHECK(host::write_file(tmp.root() / "link.conf", "through the link"));
  CHECK(fs::is_symlink(tmp.root() / "link.conf"));
  CHECK(read(tmp.root() / "real/target.conf") == "through the link");

  fs::create_directories(tmp.root() / "adir");
  CHECK_THROWS_WITH(host::write_file(tmp.root() / "adir", "x"), Catch::Contains("adir"));
  write(tmp.root() / "afile", "x");
  CHECK_THROWS_AS(host::write_file(tmp.root() / "afile/below", "x"), std::system_error);
}

TEST_CASE("host: write_file sets owner and group by id or name", "[host]") {
  FakeCommands tmp;
  fs::path file = tmp.root() / "owned";
  CHECK_THROWS_WITH(host::write_file(file, "x", {.owner = "no-such-user-zz9"}), Catch::Contains("no-such-user-zz9"));
  CHECK_FALSE(fs::exists(file));
  if (::geteuid() != 0) {
    WARN("not root: chown to other users is not tested");
    return;
  }
  CHECK(host::write_file(file, "x", {.owner = "12345", .group = "12346", .mode = 0600}));
  CHECK(stat_of(file).st_uid == 12345);
  CHECK(stat_of(file).st_gid == 12346);
  CHECK((stat_of(file).st_mode & 07777) == 0600);
  CHECK_FALSE(host::write_file(file, "x", {.owner = "12345", .group = "12346", .mode = 0600}));
  CHECK(host::write_file(file, "x", {.owner = "root", .group = "root", .mode = 0600}));  // only the owner differs
  CHECK(stat_of(file).st_uid == 0);
  CHECK(stat_of(file).st_gid == 0);
}

TEST_CASE("host: mkdir creates parents and applies mode and owner to an existing directory", "[host]") {
  FakeCommands tmp;
  fs::path dir = tmp.root() / "a/b/c";
  host::mkdir(dir, {.mode = 0700});
  CHECK((stat_of(dir).st_mode & 07777) == 0700);
  CHECK((stat_of(tmp.root() / "a").st_mode & 07777) == 0755);
  host::mkdir(dir, {.mode = 0750});
  CHECK((stat_of(dir).st_mode & 07777) == 0750);
  if (::geteuid() == 0) {
    host::mkdir(dir, {.owner = "12345", .mode = 0750});
    CHECK(stat_of(dir).st_uid == 12345);
  }
  write(tmp.root() / "file", "x");
  CHECK_THROWS_AS(host::mkdir(tmp.root() / "file"), std::system_error);
}

// ---- Users and groups -----------------------------------------------------------------------

TEST_CASE("host: account files are parsed as passwd(5) and group(5)", "[host]") {
  auto users = charm::detail::parse_passwd("root:x:0:0:root:/root:/bin/bash\n# comment\n+nis\nbad:x:y:0::/:/bin/sh\n"
                                           "etcd:x:105:110::/var/lib/etcd:/usr/sbin/nologin\n");
  REQUIRE(users.size() == 2);
  CHECK(users[1].name == "etcd");
  CHECK(users[1].id == 105);
  CHECK(users[1].primary_gid == 110);
  auto groups = charm::detail::parse_group("docker:x:998:ubuntu,etcd\nempty:x:5:\nshort:x:6\n");
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].members == Argv{"ubuntu", "etcd"});
  CHECK(groups[1].members.empty());
  CHECK(groups[2].id == 6);

  CHECK(host::user_id("root") == 0u);
  CHECK(host::group_id("root") == 0u);
  CHECK_FALSE(host::user_exists("no-such-user-zz9"));
  CHECK_FALSE(host::group_exists("no-such-group-zz9"));
}

TEST_CASE("host: add_group and add_user run groupadd/useradd once, with values verbatim", "[host]") {
  FakeCommands fake;
  for (const char* tool : {"groupadd", "useradd", "gpasswd"}) fake.add(tool);

  CHECK_FALSE(host::add_group("root"));
  CHECK_FALSE(host::add_user("root"));
  CHECK(host::add_group("zz9-" + nasty, {.kind = host::Account::system, .gid = 4321}));
  CHECK(host::add_user("zz9-" + nasty, {.home = "/srv/" + nasty,
                                        .shell = "/usr/sbin/nologin",
                                        .primary_group = "zz9-g$(x)",
                                        .groups = {"docker", "g;2"},
                                        .uid = 2345}));
  CHECK(host::add_user("zz9-svc", {.kind = host::Account::system}));
  CHECK(host::add_user("zz9-plain", {.create_home = false}));
  host::add_user_to_group("root", "root");  // root's primary group: nothing to do
  host::add_user_to_group("zz9-svc", "root");

  CHECK(fake.calls() == std::vector<Argv>{
                            {"groupadd", "--system", "--gid", "4321", "--", "zz9-" + nasty},
                            {"useradd", "--create-home", "--home-dir", "/srv/" + nasty, "--shell", "/usr/sbin/nologin",
                             "--uid", "2345", "--gid", "zz9-g$(x)", "--groups", "docker,g;2", "--", "zz9-" + nasty},
                            {"useradd", "--system", "--", "zz9-svc"},
                            {"useradd", "--no-create-home", "--", "zz9-plain"},
                            {"gpasswd", "-a", "zz9-svc", "root"},
                        });
  CHECK_FALSE(fs::exists("PWNED"));
  CHECK_THROWS_AS(host::add_user("-o"), std::invalid_argument);
  CHECK_THROWS_AS(host::add_group(""), std::invalid_argument);
}

TEST_CASE("host: add_user joins an existing group of the user's name", "[host]") {
  // A group without a user of the same name, from this machine's /etc/group.
  std::string name;
  for (const auto& group : charm::detail::parse_group(read("/etc/group")))
    if (!host::user_exists(group.name) && group.name.front() != '-') name = group.name;
  REQUIRE_FALSE(name.empty());
  FakeCommands fake;
  fake.add("useradd");
  CHECK(host::add_user(name));
  CHECK(fake.calls() == std::vector<Argv>{{"useradd", "--create-home", "--gid", name, "--", name}});
}

TEST_CASE("host: a failing command throws CommandError with argv, exit code and stderr", "[host]") {
  FakeCommands fake;
  fake.add("useradd", "echo \"useradd: UID 2345 is not unique\" >&2; exit 4");
  try {
    host::add_user("zz9-dup", {.uid = 2345});
    FAIL("no exception");
  } catch (const charm::CommandError& e) {
    CHECK(e.argv() == Argv{"useradd", "--create-home", "--uid", "2345", "--", "zz9-dup"});
    CHECK(e.exit_code() == 4);
    CHECK(e.stderr_text() == "useradd: UID 2345 is not unique\n");
    CHECK(std::string(e.what()) ==
          "useradd --create-home --uid 2345 -- zz9-dup failed (exit 4): useradd: UID 2345 is not unique");
  }
}

// ---- apt ------------------------------------------------------------------------------------

namespace {
// apt-get that reports the dpkg lock as held for its first `lock_failures` calls, and records
// DEBIAN_FRONTEND as it saw it.
void add_fake_apt_get(const FakeCommands& fake, int lock_failures) {
  std::string root = fake.root().string();
  fake.add("apt-get", "c=$(cat '" + root + "/attempts' 2>/dev/null || echo 0)\n"
                      "echo $((c + 1)) > '" + root + "/attempts'\n"
                      "printf '%s' \"${DEBIAN_FRONTEND-unset}\" > '" + root + "'/frontend-$c\n"
                      "if [ \"$c\" -lt " + std::to_string(lock_failures) + " ]; then\n"
                      "  echo 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)' >&2\n"
                      "  echo 'E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?' >&2\n"
                      "  exit 100\n"
                      "fi");
}
const host::AptOptions fast{.lock_retry_delay = std::chrono::milliseconds(1)};
const std::string confold = "--option=Dpkg::Options::=--force-confold";
}  // namespace

TEST_CASE("host: apt_install retries while the dpkg lock is held, noninteractive", "[host]") {
  FakeCommands fake;
  add_fake_apt_get(fake, 2);
  ::unsetenv("DEBIAN_FRONTEND");
  std::vector<std::string> logged;
  charm::detail::set_log_observer([&](charm::hookcmd::LogLevel, std::string_view m) { logged.emplace_back(m); });
  host::apt_install({"docker.io", "etcd-server"}, fast);
  charm::detail::set_log_observer({});

  Argv expected{"apt-get", "--assume-yes", confold, "install", "docker.io", "etcd-server"};
  CHECK(fake.calls() == std::vector<Argv>{expected, expected, expected});
  for (int i = 0; i < 3; ++i) CHECK(read(fake.root() / ("frontend-" + std::to_string(i))) == "noninteractive");
  CHECK(std::getenv("DEBIAN_FRONTEND") == nullptr);  // set for apt-get only
  CHECK(std::count_if(logged.begin(), logged.end(),
                      [](const std::string& m) { return m.find("dpkg lock") != std::string::npos; }) == 2);
}

TEST_CASE("host: apt gives up after lock_retries and does not retry other errors", "[host]") {
  FakeCommands fake;
  add_fake_apt_get(fake, 1000);
  host::AptOptions two_retries = fast;
  two_retries.lock_retries = 2;
  try {
    host::apt_update(two_retries);
    FAIL("no exception");
  } catch (const charm::CommandError& e) {
    CHECK(e.argv() == Argv{"apt-get", "update"});
    CHECK(e.exit_code() == 100);
    CHECK_THAT(e.what(), Catch::Contains("is another process using it?"));
  }
  CHECK(fake.calls().size() == 3);

  FakeCommands other;
  other.add("apt-get", "echo 'E: Unable to locate package nope' >&2; exit 100");
  CHECK_THROWS_WITH(host::apt_purge({"nope"}, fast), Catch::Contains("Unable to locate package nope"));
  CHECK(other.calls() == std::vector<Argv>{{"apt-get", "--assume-yes", confold, "purge", "nope"}});
}

TEST_CASE("host: apt passes package names verbatim and refuses options in their place", "[host]") {
  FakeCommands fake;
  add_fake_apt_get(fake, 0);
  host::apt_install({}, fast);  // nothing to install: no process
  CHECK(fake.calls().empty());
  CHECK_THROWS_AS(host::apt_install({"ok", "-oAPT::Get::Trivial-Only=false"}, fast), std::invalid_argument);
  CHECK(fake.calls().empty());
  host::apt_install({nasty}, {.options = {}, .lock_retry_delay = std::chrono::milliseconds(1)});
  CHECK(fake.calls() == std::vector<Argv>{{"apt-get", "--assume-yes", "install", nasty}});
  CHECK_FALSE(fs::exists("PWNED"));
}

// ---- Services -------------------------------------------------------------------------------

namespace {
// systemctl that says only the service "up" is active and fails to reload "stuck".
void add_fake_systemctl(const FakeCommands& fake) {
  fake.add("systemctl",
           "if [ \"$1\" = is-active ]; then [ \"$3\" = up ]; exit; fi\n"
           "if [ \"$1\" = reload ] && [ \"$2\" = stuck ]; then echo 'Job for stuck.service failed.' >&2; exit 1; fi");
}
host::InitSystem systemd_in(const FakeCommands& fake) {
  fs::create_directories(fake.root() / "run/systemd/system");
  return {fake.root() / "run/systemd/system", fake.root() / "etc/init.d"};
}
host::InitSystem sysv_in(const FakeCommands& fake) {
  return {fake.root() / "run/systemd/system", fake.root() / "etc/init.d"};
}
}  // namespace

TEST_CASE("host: services under systemd use systemctl", "[host]") {
  FakeCommands fake;
  add_fake_systemctl(fake);
  fake.add(fake.root() / "etc/init.d/web");  // ignored under systemd
  auto init = systemd_in(fake);
  REQUIRE(host::init_is_systemd(init));

  host::service_start("web", init);
  host::service_stop("web", init);
  host::service_restart("web", init);
  host::service_reload("web", host::OnReloadFailure::fail, init);
  host::service_enable("web", init);
  host::service_disable("web", init);
  CHECK(host::service_running("up", init));
  CHECK_FALSE(host::service_running("down", init));
  host::service("try-restart", nasty, init);

  CHECK(fake.calls() == std::vector<Argv>{
                            {"systemctl", "start", "web"},
                            {"systemctl", "stop", "web"},
                            {"systemctl", "restart", "web"},
                            {"systemctl", "reload", "web"},
                            {"systemctl", "enable", "web"},
                            {"systemctl", "disable", "web"},
                            {"systemctl", "is-active", "--quiet", "up"},
                            {"systemctl", "is-active", "--quiet", "down"},
                            {"systemctl", "try-restart", nasty},
                        });
  CHECK_FALSE(fs::exists("PWNED"));
}

TEST_CASE("host: a failed reload throws, or restarts when asked to", "[host]") {
  FakeCommands fake;
  add_fake_systemctl(fake);
  auto init = systemd_in(fake);
  CHECK_THROWS_WITH(host::service_reload("stuck", host::OnReloadFailure::fail, init),
                    "systemctl reload stuck failed (exit 1): Job for stuck.service failed.");
  host::service_reload("stuck", host::OnReloadFailure::restart, init);
  CHECK(fake.calls() == std::vector<Argv>{{"systemctl", "reload", "stuck"},
                                          {"systemctl", "reload", "stuck"},
                                          {"systemctl", "restart", "stuck"}});
}

TEST_CASE("host: services without systemd use the init script, else the service command", "[host]") {
  FakeCommands fake;
  fake.add("systemctl");  // present but not running the machine: never called
  fake.add("service");
  fake.add("update-rc.d");
  fake.add(fake.root() / "etc/init.d/web");  // LSB: status exits 0 when running, 3 when not
  fake.add(fake.root() / "etc/init.d/idle", "[ \"$1\" != status ] || exit 3");
  write(fake.root() / "etc/init.d/notexec", "#!/bin/sh\n", fs::perms(0644));
  auto init = sysv_in(fake);
  REQUIRE_FALSE(host::init_is_systemd(init));

  host::service_start("web", init);
  host::service_reload("web", host::OnReloadFailure::fail, init);
  CHECK(host::service_running("web", init));
  CHECK_FALSE(host::service_running("idle", init));
  host::service_restart("legacy", init);
  host::service_stop("notexec", init);
  host::service_enable("web", init);
  host::service_disable("web", init);

  CHECK(fake.calls() == std::vector<Argv>{
                            {"web", "start"},
                            {"web", "reload"},
                            {"web", "status"},
                            {"idle", "status"},
                            {"service", "legacy", "restart"},
                            {"service", "notexec", "stop"},
                            {"update-rc.d", "web", "defaults"},
                            {"update-rc.d", "web", "enable"},
                            {"update-rc.d", "web", "disable"},
                        });
  for (const char* bad : {"", "-x", "../web", "a/b", ".."})
    CHECK_THROWS_AS(host::service_start(bad, init), std::invalid_argument);
}

TEST_CASE("host: restart_on_change restarts the services of changed files once each", "[host]") {
  FakeCommands fake;
  add_fake_systemctl(fake);
  auto init = systemd_in(fake);
  fs::path a = fake.root() / "a.conf", b = fake.root() / "b.conf", c = fake.root() / "c.conf";
  write(a, "a");
  write(b, "b");
  host::RestartMap map{{a, {"web", "db"}}, {b, {"db", "cache"}}, {c, {"new"}}};

  CHECK(host::restart_on_change(map, [&] { host::write_file(a, "a"); }, init).empty());
  CHECK(fake.calls().empty());
  auto restarted = host::restart_on_change(map, [&] {
    host::write_file(b, "b2");
    host::write_file(c, "appears");
  }, init);
  CHECK(restarted == Argv{"db", "cache", "new"});
  CHECK(fake.calls() == std::vector<Argv>{{"systemctl", "restart", "db"},
                                          {"systemctl", "restart", "cache"},
                                          {"systemctl", "restart", "new"}});
  CHECK_THROWS_AS(host::restart_on_change(map, [&] {
    host::write_file(a, "changed");
    throw std::runtime_error("render failed");
  }, init), std::runtime_error);
  CHECK(fake.calls().size() == 3);  // nothing restarted after a failed change
}

TEST_CASE("host: run returns stdout verbatim and throws CommandError on failure", "[host]") {
  CHECK(host::run({"printf", "%s|", "a b", "$(x)"}) == "a b|$(x)|");
  try {
    host::run({"sh", "-c", "echo out; echo broken >&2; exit 3"});
    FAIL("no exception");
  } catch (const charm::CommandError& e) {
    CHECK(e.exit_code() == 3);
    CHECK(e.stderr_text() == "broken\n");
  }
  CHECK_THROWS_AS(host::run({"no-such-command-zz9"}), charm::CommandError);
}
