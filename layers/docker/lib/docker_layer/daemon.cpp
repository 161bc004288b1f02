#include "docker_layer/daemon.hpp"

#include <charm/charm.hpp>
#include <charm/docker.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace docker_layer {
namespace {

namespace fs = std::filesystem;

// The files apply() may change, as they were: content, or nullopt for a missing file.
using Snapshot = std::map<fs::path, std::optional<std::string>>;

Snapshot take_snapshot() {
  Snapshot snapshot;
  for (const fs::path& path : {files().daemon_json, files().defaults, files().proxy_dropin}) {
    std::ifstream in(path);
    if (!in) {
      snapshot[path] = std::nullopt;
      continue;
    }
    std::stringstream text;
    text << in.rdbuf();
    snapshot[path] = text.str();
  }
  return snapshot;
}

void restore(const Snapshot& snapshot) {
  for (const auto& [path, content] : snapshot) {
    std::error_code ec;
    if (content) charm::host::write_file(path, *content);
    else fs::remove(path, ec);
  }
}

bool systemd() { return charm::host::init_is_systemd(); }

void daemon_reload() {
  if (systemd()) charm::host::run({"systemctl", "daemon-reload"});
}

// The lines of dockerd's journal that say why it stopped: the last "failed to start daemon" or
// level=fatal/error line, else the last line.
std::string failure_cause(const std::string& fallback) {
  if (!systemd()) return fallback;
  std::string journal;
  try {
    journal = charm::host::run({"journalctl", "--unit=docker.service", "--lines=30", "--no-pager", "--output=cat"});
  } catch (const charm::CommandError&) {
    return fallback;
  }
  std::istringstream lines(journal);
  std::string last, cause;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    last = line;
    if (line.find("failed to start daemon") != std::string::npos || line.find("level=fatal") != std::string::npos ||
        line.find("unable to configure the Docker daemon") != std::string::npos)
      cause = line;
  }
  std::string text = cause.empty() ? (last.empty() ? fallback : last) : cause;
  // dockerd's logrus lines: keep the msg="..." part when there is one.
  auto msg = text.find("msg=\"");
  if (msg != std::string::npos) {
    text = text.substr(msg + 5);
    if (!text.empty() && text.back() == '"') text.pop_back();
  }
  return text;
}

// restart, with start limits reset: a few quick restarts in a row must not lock dockerd out.
void restart_docker() {
  if (systemd()) {
    try {
      charm::host::run({"systemctl", "reset-failed", "docker.service"});
    } catch (const charm::CommandError&) {
    }
  }
  charm::host::service_restart("docker");
}

}  // namespace

bool answering() { return charm::docker::ping(); }

bool wait_until_answering(int seconds) {
  for (int i = 0; i < seconds * 5; ++i) {
    if (answering()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return answering();
}

Applied apply(const charm::docker::DaemonOptions& options, const Proxy& proxy, Restart restart) {
  const Snapshot before = take_snapshot();
  Applied applied;
  const bool changed = render(options, proxy, systemd());
  if (!changed && restart == Restart::when_changed) return applied;

  charm::log(changed ? "dockerd's settings changed: restarting it" : "restarting dockerd");
  daemon_reload();
  std::string error;
  try {
    restart_docker();
  } catch (const charm::CommandError& e) {
    error = e.what();
  }
  if (error.empty() && wait_until_answering(30)) {
    applied.restarted = true;
    return applied;
  }
  applied.failure = failure_cause(error.empty() ? "dockerd did not answer within 30 s" : error);
  charm::log("dockerd did not start with the new settings (" + *applied.failure + "); restoring the previous ones",
             charm::hookcmd::LogLevel::warning);
  restore(before);
  daemon_reload();
  try {
    restart_docker();
    wait_until_answering(30);
  } catch (const charm::CommandError& e) {
    charm::log(std::string("dockerd did not start with the previous settings either: ") + e.what(),
               charm::hookcmd::LogLevel::error);
  }
  return applied;
}

void remove_bridge() {
  charm::status::maintenance("Reconfiguring container runtime network bridge.");
  charm::host::service_stop("docker");
  // docker.socket would start dockerd again on the next client call.
  if (systemd()) {
    try {
      charm::host::run({"systemctl", "stop", "docker.socket"});
    } catch (const charm::CommandError&) {
    }
  }
  try {
    charm::host::run({"ip", "link", "delete", "docker0"});
  } catch (const charm::CommandError& e) {
    if (e.stderr_text().find("Cannot find device") == std::string::npos) throw;  // already gone is fine
  }
}

std::string bridge_address() {
  std::string out;
  try {
    out = charm::host::run({"ip", "-4", "-o", "addr", "show", "dev", "docker0"});
  } catch (const charm::CommandError&) {
    return "";
  }
  // "5: docker0    inet 172.17.0.1/16 brd ... scope global docker0"
  std::istringstream words(out);
  for (std::string word; words >> word;)
    if (word == "inet" && words >> word) return word;
  return "";
}

std::string server_version() {
  try {
    std::string version = charm::host::run({"docker", "version", "--format", "{{.Server.Version}}"});
    while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();
    return version;
  } catch (const charm::CommandError&) {
    return "";
  }
}

}  // namespace docker_layer
