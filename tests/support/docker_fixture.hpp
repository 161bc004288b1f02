// Real Docker for tests: a private dockerd (tests/support/private_dockerd.sh) under a /tmp
// directory, with no bridge and no iptables rules, and a busybox image made without pulling
// (tests/support/busybox_image.sh). shared_dockerd() is the one daemon of a test binary run,
// started on first use and stopped at exit; a test that needs other dockerd flags makes its own
// PrivateDockerd. When no daemon can start (no dockerd, not root) the test FAILS with the
// script's message: Docker tests are never skipped silently.
#pragma once
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "charm/docker.hpp"
#include "runtime/subprocess.hpp"

#ifndef CHARM_TEST_SUPPORT_DIR
#error "CHARM_TEST_SUPPORT_DIR (tests/support) must be defined by the build"
#endif

namespace charm::test {

inline constexpr const char* kBusyboxImage = "charm-test/busybox:latest";

inline std::filesystem::path support_script(const std::string& name) {
  return std::filesystem::path(CHARM_TEST_SUPPORT_DIR) / name;
}

// Runs a tests/support script with bash; returns its stdout, throws with its stderr.
inline std::string run_support_script(const std::string& name, const std::vector<std::string>& args,
                                      const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{"env"};
  argv.insert(argv.end(), env.begin(), env.end());
  argv.push_back("bash");
  argv.push_back(support_script(name).string());
  argv.insert(argv.end(), args.begin(), args.end());
  charm::ProcessResult result = charm::run_process(argv);
  if (!result.started || result.exit_code != 0)
    throw std::runtime_error(name + " failed (exit " + std::to_string(result.exit_code) + "): " + result.err);
  return result.out;
}

class PrivateDockerd {
 public:
  // Starts a daemon in a new directory; extra dockerd flags go after the script's own.
  explicit PrivateDockerd(const std::vector<std::string>& dockerd_args = {}) {
    std::string tmpl = "/tmp/charm-dockerd.XXXXXX";  // short: socket paths end at 107 bytes
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp " + tmpl + " failed");
    m_dir = tmpl;
    std::vector<std::string> args{"start", m_dir.string()};
    args.insert(args.end(), dockerd_args.begin(), dockerd_args.end());
    // The watchdog stops the daemon even if this process dies without running destructors.
    std::string owner = "PRIVATE_DOCKERD_OWNER_PID=" + std::to_string(::getpid());
    try {
      run_support_script("private_dockerd.sh", args, {owner});
    } catch (const std::exception& e) {
      std::error_code ec;
      std::filesystem::remove_all(m_dir, ec);  // the script removed what it made; the dir is ours
      throw std::runtime_error(std::string("cannot start a private dockerd for the Docker tests: ") + e.what());
    }
    m_host = "unix://" + (m_dir / "docker.sock").string();
  }
  ~PrivateDockerd() {
    try {
      stop();
    } catch (...) {
    }
  }
  PrivateDockerd(const PrivateDockerd&) = delete;
  PrivateDockerd& operator=(const PrivateDockerd&) = delete;

  const std::filesystem::path& dir() const { return m_dir; }
  const std::string& host() const { return m_host; }
  // The daemon's pid while it runs.
  std::optional<pid_t> pid() const {
    FILE* f = std::fopen((m_dir / "docker.pid").c_str(), "r");
    if (!f) return std::nullopt;
    long pid = 0;
    bool ok = std::fscanf(f, "%ld", &pid) == 1;
    std::fclose(f);
    return ok ? std::optional<pid_t>(static_cast<pid_t>(pid)) : std::nullopt;
  }

  // A client bound to this daemon, with its own config dir (a login never touches ~/.docker).
  charm::docker::Docker client() const {
    charm::docker::ClientOptions options;
    options.host = m_host;
    options.config_dir = m_dir / "client-config";
    return charm::docker::Docker(options);
  }

  // The busybox image's tag, imported on first use.
  std::string busybox_image() {
    if (!m_has_busybox) {
      run_support_script("busybox_image.sh", {m_host, kBusyboxImage});
      m_has_busybox = true;
    }
    return kBusyboxImage;
  }

  // Stops the daemon and removes its directory; nothing happens on a second call.
  void stop() {
    if (m_stopped) return;
    m_stopped = true;
    run_support_script("private_dockerd.sh", {"stop", m_dir.string()});
  }

 private:
  std::filesystem::path m_dir;
  std::string m_host;
  bool m_has_busybox = false;
  bool m_stopped = false;
};

// The daemon shared by this test binary's Docker tests. A failed start is remembered: every
// later test fails at once with the same message instead of waiting for its own attempt.
inline PrivateDockerd& shared_dockerd() {
  static std::unique_ptr<PrivateDockerd> daemon;
  static std::optional<std::string> start_error;
  if (start_error) throw std::runtime_error(*start_error);
  if (!daemon) {
    try {
      daemon = std::make_unique<PrivateDockerd>();
      daemon->busybox_image();
    } catch (const std::exception& e) {
      daemon.reset();
      start_error = e.what();
      throw;
    }
  }
  return *daemon;
}

}  // namespace charm::test
