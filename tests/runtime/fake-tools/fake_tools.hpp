// Test fixture: the fake hook tools (README.md here) first on PATH, with a fresh state dir and
// call log; every variable it sets is restored and the temporary dir removed at destruction.
#pragma once
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace charm::testing {

class FakeTools {
 public:
  FakeTools() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "fake-tools-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    m_root = tmpl;
    std::filesystem::create_directories(state());
    std::string cmd =
        python_exe() + " '" + (tools_dir() / "fake-tool").string() + "' --install '" + bin().string() + "'";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("cannot install fake tools: " + cmd);
    const char* path = std::getenv("PATH");
    set_env("PATH", bin().string() + ":" + (path ? path : "/usr/bin:/bin"));
    set_env("FAKE_TOOLS_STATE", state().string());
    set_env("FAKE_TOOLS_LOG", log_path().string());
  }
  FakeTools(const FakeTools&) = delete;
  FakeTools& operator=(const FakeTools&) = delete;
  ~FakeTools() {
    for (const auto& [name, old] : m_saved_env) {
      if (old)
        ::setenv(name.c_str(), old->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
    std::error_code ec;
    std::filesystem::remove_all(m_root, ec);
  }

  // Sets an environment variable for the fixture's lifetime.
  void set_env(const std::string& name, const std::string& value) {
    if (!m_saved_env.count(name)) {
      const char* old = std::getenv(name.c_str());
      m_saved_env[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    ::setenv(name.c_str(), value.c_str(), 1);
  }

  std::filesystem::path root() const { return m_root; }
  std::filesystem::path bin() const { return m_root / "bin"; }
  std::filesystem::path state() const { return m_root / "state"; }
  std::filesystem::path log_path() const { return m_root / "calls.log"; }

  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((state() / rel).parent_path());
    std::ofstream(state() / rel, std::ios::binary) << text;
  }
  void write_json(const std::string& rel, const nlohmann::json& value) const { write(rel, value.dump()); }
  std::optional<nlohmann::json> read_json(const std::string& rel) const {
    std::ifstream in(state() / rel);
    if (!in) return std::nullopt;
    return nlohmann::json::parse(in);
  }
  // Makes every call of `tool` exit with exit_code, printing stderr_text verbatim.
  void fail(const std::string& tool, int exit_code, const std::string& stderr_text) const {
    write("fail/" + tool, std::to_string(exit_code) + " " + stderr_text);
  }

  // The argv of every call so far, argv[0] = tool name.
  std::vector<std::vector<std::string>> calls() const {
    std::vector<std::vector<std::string>> result;
    for (const auto& line : lines(log_path())) result.push_back(nlohmann::json::parse(line));
    return result;
  }
  // {"argv": [...], "stdin": "..."} of each call that read a --file.
  std::vector<nlohmann::json> stdin_calls() const {
    std::vector<nlohmann::json> result;
    for (const auto& line : lines(log_path().string() + ".stdin")) result.push_back(nlohmann::json::parse(line));
    return result;
  }
  void clear_log() const {
    std::filesystem::remove(log_path());
    std::filesystem::remove(log_path().string() + ".stdin");
  }

 private:
  static std::filesystem::path tools_dir() {
    if (const char* dir = std::getenv("FAKE_TOOLS_DIR")) return dir;
    return std::filesystem::absolute(std::filesystem::path(__FILE__).parent_path());
  }
  // Found once: `python3` on PATH may be a wrapper (pyenv) that takes a second to start.
  static const std::string& python_exe() {
    static const std::string exe = [] {
      std::string path = "python3";
      if (FILE* p = ::popen("python3 -c 'import sys; print(sys.executable)'", "r")) {
        char buf[4096] = {};
        if (std::fgets(buf, sizeof buf, p) && buf[0] == '/') path = std::string(buf, std::strcspn(buf, "\n"));
        ::pclose(p);
      }
      return path;
    }();
    return exe;
  }
  static std::vector<std::string> lines(const std::filesystem::path& file) {
    std::vector<std::string> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(line);
    return out;
  }

  std::filesystem::path m_root;
  std::map<std::string, std::optional<std::string>> m_saved_env;
};

}  // namespace charm::testing
