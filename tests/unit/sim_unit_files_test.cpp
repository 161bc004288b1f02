// copy_charm_tree: how a built charm lands in (and is upgraded in) a unit's charm dir.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/spawn.hpp"
#include "sim/unit_files.hpp"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sim-unit-files-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& file, const std::string& text, fs::perms mode = fs::perms(0644)) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::trunc) << text;
  fs::permissions(file, mode);
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool running(pid_t pid) { return ::waitpid(pid, nullptr, WNOHANG) == 0; }

// Files whose name says they are temporaries of the copy.
int leftovers(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().ends_with(".charm-sim-new")) ++n;
  return n;
}

}  // namespace

TEST_CASE("an upgrade replaces a charm binary that is running", "[sim_unit_files]") {
  TempDir tmp;
  const fs::path v1 = tmp.path / "v1", v2 = tmp.path / "v2", unit = tmp.path / "unit";
  fs::create_directories(v1 / "bin");
  fs::copy_file("/bin/sleep", v1 / "bin" / "dispatch");
  sim::copy_charm_tree(v1, unit);

  // The deployed binary runs (its text is mapped) while the new build is copied over it.
  sim::ProcessSpec spec;
  spec.argv = {(unit / "bin" / "dispatch").string(), "30"};
  spec.cwd = unit.string();
  const sim::SpawnedProcess proc = sim::spawn_process(spec);
  REQUIRE(running(proc.pid));

  write(v2 / "bin" / "dispatch", "#!/bin/sh\necho v2\n", fs::perms(0755));
  CHECK_NOTHROW(sim::copy_charm_tree(v2, unit));
  CHECK(read(unit / "bin" / "dispatch") == "#!/bin/sh\necho v2\n");
  CHECK((fs::status(unit / "bin" / "dispatch").permissions() & fs::perms::all) == fs::perms(0755));
  CHECK(running(proc.pid));  // the old binary keeps running from its own inode
  CHECK(leftovers(unit) == 0);

  sim::kill_process_group(proc.pid);
  ::waitpid(proc.pid, nullptr, 0);
  ::close(proc.stdout_fd);
  ::close(proc.stderr_fd);
}

TEST_CASE("an open file in the charm dir keeps its old content for its reader", "[sim_unit_files]") {
  TempDir tmp;
  const fs::path v1 = tmp.path / "v1", v2 = tmp.path / "v2", unit = tmp.path / "unit";
  write(v1 / "templates" / "app.conf", "old\n");
  sim::copy_charm_tree(v1, unit);
  std::ifstream reader(unit / "templates" / "app.conf");

  write(v2 / "templates" / "app.conf", "new and longer\n");
  sim::copy_charm_tree(v2, unit);
  std::string line;
  std::getline(reader, line);
  CHECK(line == "old");
  CHECK(read(unit / "templates" / "app.conf") == "new and longer\n");
}

TEST_CASE("copying a charm keeps the unit's own files, modes and symlinks", "[sim_unit_files]") {
  TempDir tmp;
  const fs::path v1 = tmp.path / "v1", v2 = tmp.path / "v2", unit = tmp.path / "unit";
  write(v1 / "hooks" / "install", "#!/bin/sh\n", fs::perms(0755));
  write(v1 / "README.md", "v1\n");
  write(v1 / "wheelhouse" / "x", "as a directory\n");
  sim::copy_charm_tree(v1, unit);
  write(unit / ".unit-state.db", "the charm's own state\n");

  write(v2 / "hooks" / "install", "#!/bin/sh\nexit 0\n", fs::perms(0700));
  write(v2 / "README.md", "v2\n", fs::perms(0600));
  fs::create_symlink("install", v2 / "hooks" / "start");
  write(v2 / "wheelhouse", "now a file\n");  // a directory in v1 becomes a file
  sim::copy_charm_tree(v2, unit);

  CHECK(read(unit / "hooks" / "install") == "#!/bin/sh\nexit 0\n");
  CHECK((fs::status(unit / "hooks" / "install").permissions() & fs::perms::all) == fs::perms(0700));
  CHECK((fs::status(unit / "README.md").permissions() & fs::perms::all) == fs::perms(0600));
  CHECK(fs::read_symlink(unit / "hooks" / "start") == "install");
  CHECK(read(unit / "wheelhouse") == "now a file\n");
  CHECK(read(unit / ".unit-state.db") == "the charm's own state\n");
  CHECK(leftovers(unit) == 0);

  // A symlink is replaced too (it pointed elsewhere), and a copy of the same tree changes nothing.
  fs::remove(v2 / "hooks" / "start");
  fs::create_symlink("../README.md", v2 / "hooks" / "start");
  sim::copy_charm_tree(v2, unit);
  CHECK(fs::read_symlink(unit / "hooks" / "start") == "../README.md");
  CHECK(leftovers(unit) == 0);
}

TEST_CASE("copying something that is not a directory names it", "[sim_unit_files]") {
  TempDir tmp;
  CHECK_THROWS_WITH(sim::copy_charm_tree(tmp.path / "missing", tmp.path / "unit"),
                    Catch::Contains("missing is not a charm directory"));
}
