// The test daemon itself (tests/support/private_dockerd.sh): it must leave the host as it was.
// Other workers may run their own daemons meanwhile, so the checks look for this daemon's
// traces (its pid, directory, cgroups) and for Docker's host networking (docker0, bridges,
// veths, DOCKER chains), not for any change at all.
#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "runtime/subprocess.hpp"
#include "support/docker_fixture.hpp"

namespace fs = std::filesystem;

namespace {

std::set<std::string> output_lines(const std::vector<std::string>& argv) {
  auto result = charm::run_process(argv);
  INFO(argv[0] << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  std::set<std::string> lines;
  std::istringstream in(result.out);
  for (std::string line; std::getline(in, line);) lines.insert(line);
  return lines;
}

// Interface names Docker would create on the host.
std::set<std::string> docker_links() {
  std::set<std::string> names;
  for (const auto& line : output_lines({"ip", "-o", "link", "show"})) {
    // "4: eth0: <...>" or "5: veth1@if4: <...>"
    size_t start = line.find(": ");
    size_t end = line.find_first_of(":@", start + 2);
    std::string name = line.substr(start + 2, end - start - 2);
    if (name == "docker0" || name.rfind("br-", 0) == 0 || name.rfind("veth", 0) == 0) names.insert(name);
  }
  return names;
}

std::set<std::string> docker_firewall_rules() {
  std::set<std::string> rules;
  for (const char* tool : {"iptables", "ip6tables"}) {
    for (const auto& table : {"filter", "nat"}) {
      for (const auto& rule : output_lines({tool, "-t", table, "-S"})) {
        if (rule.find("DOCKER") != std::string::npos || rule.find("docker") != std::string::npos)
          rules.insert(std::string(tool) + " " + table + ": " + rule);
      }
    }
  }
  return rules;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool any_process_mentions(const std::string& text) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (read(entry.path() / "cmdline").find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("private dockerd: no bridge or firewall rule while it runs, nothing left once stopped", "[docker][host]") {
  auto links_before = docker_links();
  auto rules_before = docker_firewall_rules();

  charm::test::PrivateDockerd daemon;
  auto pid = daemon.pid();
  REQUIRE(pid);
  fs::path dir = daemon.dir();
  auto docker = daemon.client();
  charm::docker::RunOptions run;
  run.image = daemon.busybox_image();
  run.name = "host-check";
  run.command = {"sleep", "600"};  // default network: with --bridge none, only a loopback
  docker.run(run);
  CHECK(docker.running("host-check"));
  CHECK(docker_links() == links_before);
  CHECK(docker_firewall_rules() == rules_before);
  CHECK(read("/proc/self/mountinfo").find(dir.string() + "/") != std::string::npos);  // the check can fail

  daemon.stop();  // with the container still running
  CHECK(::kill(*pid, 0) != 0);
  CHECK_FALSE(fs::exists(dir));
  CHECK(read("/proc/self/mountinfo").find(dir.string() + "/") == std::string::npos);
  CHECK_FALSE(any_process_mentions(dir.string() + "/"));
  CHECK_FALSE(fs::exists("/sys/fs/cgroup/memory/charm-test-" + dir.filename().string()));
  CHECK_FALSE(fs::exists("/sys/fs/cgroup/charm-test-" + dir.filename().string()));
  CHECK(docker_links() == links_before);
  CHECK(docker_firewall_rules() == rules_before);
}
