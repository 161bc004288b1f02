#include "build/revision.hpp"

#include <map>
#include <optional>
#include <sstream>

#include "util/file.hpp"
#include "util/process.hpp"

namespace build {

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string& s) {
  size_t start = s.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(start, end - start + 1);
}

// The directory holding `marker` (".git", ".bzr", ".hg") at or above dir. Answers are kept per
// (directory, marker): layers share parents, and each probe is a system call.
std::optional<fs::path> enclosing(const fs::path& dir, const char* marker) {
  static std::map<std::pair<std::string, std::string>, bool> has_marker;
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec);
  while (true) {
    auto key = std::make_pair(p.string(), std::string(marker));
    auto it = has_marker.find(key);
    if (it == has_marker.end()) it = has_marker.emplace(key, fs::exists(p / marker, ec)).first;
    if (it->second) return p;
    if (!p.has_parent_path() || p.parent_path() == p) return std::nullopt;
    p = p.parent_path();
  }
}

// The git directory for a work tree: `.git` itself, or where a `.git` file points (worktrees).
std::optional<fs::path> git_dir_of(const fs::path& work_tree) {
  fs::path dot_git = work_tree / ".git";
  std::error_code ec;
  if (fs::is_directory(dot_git, ec)) return dot_git;
  auto text = util::read_file_if_exists(dot_git);
  if (!text || text->rfind("gitdir:", 0) != 0) return std::nullopt;
  fs::path target = trim(text->substr(7));
  return target.is_absolute() ? target : work_tree / target;
}

std::string resolve_git_ref(const fs::path& git_dir, const std::string& ref) {
  fs::path common = git_dir;
  if (auto commondir = util::read_file_if_exists(git_dir / "commondir")) {
    fs::path c = trim(*commondir);
    common = c.is_absolute() ? c : git_dir / c;
  }
  for (const fs::path& dir : {git_dir, common})
    if (auto loose = util::read_file_if_exists(dir / ref)) return trim(*loose);
  if (auto packed = util::read_file_if_exists(common / "packed-refs")) {
    std::istringstream lines(*packed);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.size() > 41 && line[40] == ' ' && line.substr(41) == ref) return line.substr(0, 40);
    }
  }
  return "";  // unborn branch: `git rev-parse HEAD` fails there too
}

std::string git_head(const fs::path& work_tree) {
  auto git_dir = git_dir_of(work_tree);
  if (!git_dir) return "";
  auto head = util::read_file_if_exists(*git_dir / "HEAD");
  if (!head) return "";
  std::string value = trim(*head);
  if (value.rfind("ref: ", 0) == 0) return resolve_git_ref(*git_dir, value.substr(5));
  return value;
}

// Whether a VCS tool is on PATH, asked once per process (bzr and hg are rarely installed).
bool tool_installed(const std::string& tool) {
  static std::map<std::string, bool> known;
  auto it = known.find(tool);
  if (it == known.end()) it = known.emplace(tool, util::find_on_path(tool).has_value()).first;
  return it->second;
}

// Runs a VCS command only when the tool exists and the directory is under its control, so
// that a layer outside any repository costs no process.
std::string run_vcs(const fs::path& dir, const char* marker, const std::vector<std::string>& argv) {
  if (!enclosing(dir, marker) || !tool_installed(argv[0])) return "";
  auto result = util::run_process(argv, dir);
  return result.exit_code == 0 ? trim(result.output) : "";
}

}  // namespace

std::string layer_revision(const fs::path& layer_dir) {
  if (auto repo = enclosing(layer_dir, ".git")) {
    std::string head = git_head(*repo);
    if (!head.empty()) return head;
  }
  std::string bzr = run_vcs(layer_dir, ".bzr", {"bzr", "revision-info"});
  if (!bzr.empty()) {
    std::istringstream tokens(bzr);
    std::string first, second;
    tokens >> first >> second;
    if (!second.empty()) return second;
  }
  std::string hg = run_vcs(layer_dir, ".hg", {"hg", "log", "-l", "1", "--template", "{node}\n", "-r", "."});
  if (!hg.empty()) return hg;
  if (auto pulled = util::read_file_if_exists(layer_dir / ".pull-source-rev")) return trim(*pulled);
  return "";
}

std::string describe_version(const fs::path& layer_dir) {
  for (auto [marker, argv] : std::initializer_list<std::pair<const char*, std::vector<std::string>>>{
           {".git", {"git", "describe", "--dirty", "--always"}},
           {".bzr", {"bzr", "version-info"}},
           {".hg", {"hg", "id", "-n"}}}) {
    std::string out = run_vcs(layer_dir, marker, argv);
    if (!out.empty()) return out;
  }
  return "";
}

}  // namespace build
