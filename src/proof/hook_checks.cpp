// Hook files (charms.py: CharmLinter.check_hook and the recommended hooks of Charm.proof).
#include <sys/stat.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "proof/lint.hpp"

namespace proof {

namespace {

// Windows charms name hooks with an extension; such hooks count as executable.
constexpr const char* windows_extensions[] = {".ps1", ".cmd", ".bat", ".exe"};

bool is_regular_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Warns on each line that reaches the EC2 metadata service. Lines end as in Python's text
// mode: \n, \r\n or \r. (Python decodes the file first and crashes on invalid UTF-8; bytes
// are read here, so binary hooks are simply scanned.)
void check_hook_lines(const std::string& hook, const std::string& content, Linter& lint) {
  constexpr std::string_view ec2 = "http://169.254.169.254/";
  size_t start = 0;
  int line_number = 0;
  while (start < content.size()) {
    size_t end = content.find_first_of("\r\n", start);
    size_t next = end == std::string::npos ? content.size() : end + 1;
    if (end != std::string::npos && content[end] == '\r' && next < content.size() && content[next] == '\n') ++next;
    ++line_number;
    std::string_view line(content.data() + start, (end == std::string::npos ? content.size() : end) - start);
    if (line.find(ec2) != std::string_view::npos)
      lint.warn("(" + hook + ":" + std::to_string(line_number) + ") - hook accesses EC2 metadata service directly");
    start = next;
  }
}

}  // namespace

bool check_hook(const std::string& hook, const std::string& hooks_dir, Recommended recommended, Linter& lint) {
  std::string path = join_path(hooks_dir, hook);
  bool windows_hook = false;
  for (const char* extension : windows_extensions) {
    if (is_regular_file(path + extension)) {
      path += extension;
      windows_hook = true;
      break;
    }
  }
  auto missing = [&] {
    if (recommended == Recommended::yes) lint.info("missing recommended hook " + hook);
    return false;
  };
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return missing();
  if (!(st.st_mode & S_IXUSR) && !windows_hook) lint.info(hook + " not executable");
  // A directory (or an unreadable file) fails to open: upstream then reports it as missing.
  if (S_ISDIR(st.st_mode)) return missing();
  std::ifstream in(path, std::ios::binary);
  if (!in) return missing();
  std::ostringstream content;
  content << in.rdbuf();
  check_hook_lines(hook, content.str(), lint);
  return true;
}

void check_recommended_hooks(const Charm& charm, Linter& lint) {
  std::string hooks_dir = charm.path("hooks");
  check_hook("install", hooks_dir, Recommended::yes, lint);
  check_hook("start", hooks_dir, Recommended::yes, lint);
  check_hook("stop", hooks_dir, Recommended::yes, lint);
  std::error_code ec;
  bool has_config = fs::exists(charm.path("config.yaml"), ec);
  check_hook("config-changed", hooks_dir, has_config ? Recommended::yes : Recommended::no, lint);
}

}  // namespace proof
