// Container machines: the exact `docker run` options of spec/machines.md, names on the daemon,
// the image recipe's hash and cache dir, and the docker client runner against a real client.
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/container_machine.hpp"
#include "sim/container_machine_boot.hpp"
#include "sim/docker_cli.hpp"
#include "sim/machine_image.hpp"

namespace {

bool has(const std::vector<std::string>& args, const std::string& item) {
  return std::find(args.begin(), args.end(), item) != args.end();
}

// The value after a flag, for each time the flag appears.
std::vector<std::string> values_of(const std::vector<std::string>& args, const std::string& flag) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == flag) out.push_back(args[i + 1]);
  return out;
}

sim::MachineContainer sample_machine() {
  sim::MachineContainer m;
  m.name = "charm-sim-1a2b3c4d-0";
  m.image = "charm-sim/machine:bookworm-abc";
  m.network = "charm-sim-1a2b3c4d";
  m.volume = "charm-sim-1a2b3c4d-0-docker";
  m.labels = {{"charm-sim.model", "1a2b3c4d-uuid"}, {"charm-sim.machine", "0"}};
  m.binds = {{"/models/m/machines/0", "/var/lib/juju", false}, {"/tmp/charm-sim-1a2b3c4d", "/run/juju-agent", true}};
  return m;
}

}  // namespace

TEST_CASE("machine containers start with machines.md's options and never the host's cgroups", "[container_machine]") {
  const auto args = sim::machine_run_args(sample_machine());
  REQUIRE(args.at(0) == "run");
  for (const char* option : {"--detach", "--cap-add=ALL", "--cap-drop=SYS_RESOURCE", "--security-opt=seccomp=unconfined",
                             "--security-opt=apparmor=unconfined", "--security-opt=systempaths=unconfined",
                             "--device-cgroup-rule=a *:* rwm", "--cgroupns=private", "--tmpfs=/run", "--tmpfs=/run/lock",
                             "--stop-signal=SIGRTMIN+3"})
    CHECK(has(args, option));
  CHECK_FALSE(has(args, "--privileged"));
  CHECK_FALSE(has(args, "--cgroupns=host"));
  for (const auto& arg : args) CHECK(arg.find("source=/sys/fs/cgroup") == std::string::npos);
  CHECK(values_of(args, "--name") == std::vector<std::string>{"charm-sim-1a2b3c4d-0"});
  CHECK(values_of(args, "--hostname") == std::vector<std::string>{"charm-sim-1a2b3c4d-0"});
  CHECK(values_of(args, "--network") == std::vector<std::string>{"charm-sim-1a2b3c4d"});
  CHECK(values_of(args, "--label") == std::vector<std::string>{"charm-sim.machine=0", "charm-sim.model=1a2b3c4d-uuid"});
  CHECK(values_of(args, "--mount") ==
        std::vector<std::string>{"type=volume,source=charm-sim-1a2b3c4d-0-docker,target=/var/lib/docker,"
                                 "volume-label=charm-sim.machine=0,volume-label=charm-sim.model=1a2b3c4d-uuid",
                                 "type=bind,source=/models/m/machines/0,target=/var/lib/juju",
                                 "type=bind,source=/tmp/charm-sim-1a2b3c4d,target=/run/juju-agent,readonly"});
  // The image, then PID 1's script: cgroups made writable, then systemd.
  const std::vector<std::string> tail(args.end() - 5, args.end());
  CHECK(tail[0] == "--entrypoint");
  CHECK(tail[1] == "/bin/sh");
  CHECK(tail[2] == "charm-sim/machine:bookworm-abc");
  CHECK(tail[3] == "-c");
  CHECK(tail[4].find("mount -o remount,rw /sys/fs/cgroup;") == 0);
  CHECK(tail[4].find("exec /sbin/init") != std::string::npos);
}

TEST_CASE("names on the daemon come from the model uuid and the machine number", "[container_machine]") {
  CHECK(sim::model_network_name("1a2b3c4d-5e6f-4a1b-a2c3-0123456789ab") == "charm-sim-1a2b3c4d");
  CHECK(sim::machine_container_name("1a2b3c4d-5e6f-4a1b-a2c3-0123456789ab", 12) == "charm-sim-1a2b3c4d-12");
  CHECK(sim::machine_volume_name("1a2b3c4d-5e6f-4a1b-a2c3-0123456789ab", 0) == "charm-sim-1a2b3c4d-0-docker");
}

TEST_CASE("the machine image is named by the hash of its recipe", "[machine_image]") {
  const std::string recipe = sim::machine_image_recipe();
  for (const char* package : {"systemd", "systemd-sysv", "dbus", "iproute2", "ca-certificates", "apt"})
    CHECK(recipe.find(package) != std::string::npos);
  CHECK(recipe.find("--variant=minbase") != std::string::npos);
  CHECK(recipe.find("machine-id") != std::string::npos);
  const std::string hash = sim::machine_image_recipe_hash();
  REQUIRE(hash.size() == 64);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(sim::machine_image_tag() == "charm-sim/machine:bookworm-" + hash.substr(0, 12));
}

TEST_CASE("the rootfs cache lives under CHARM_BUILD_CACHE, else ~/.cache/charm-build", "[machine_image]") {
  const char* old = ::getenv("CHARM_BUILD_CACHE");
  const std::string saved = old ? old : "";
  ::setenv("CHARM_BUILD_CACHE", "/srv/cache", 1);
  CHECK(sim::machine_image_cache_dir() == "/srv/cache/machine-images");
  ::unsetenv("CHARM_BUILD_CACHE");
  const char* home = ::getenv("HOME");
  CHECK(sim::machine_image_cache_dir() == std::filesystem::path(home ? home : "/root") / ".cache/charm-build/machine-images");
  if (old) ::setenv("CHARM_BUILD_CACHE", saved.c_str(), 1);
}

TEST_CASE("docker client failures name the command, the cause and the daemon", "[docker_cli]") {
  sim::DockerCli docker("unix:///nonexistent/charm-sim-test.sock");
  CHECK(docker.argv({"ps"}) == std::vector<std::string>{"docker", "--host", "unix:///nonexistent/charm-sim-test.sock", "ps"});
  sim::DockerResult r = docker.run({"version", "--format", "{{.Server.Version}}"}, std::chrono::seconds(30));
  CHECK_FALSE(r.ok());
  CHECK(r.exit_code != -1);  // the client ran (scripts/setup.sh installs docker.io) and failed
  try {
    docker.check({"version"}, "cannot ask the daemon", std::chrono::seconds(30));
    FAIL("check() did not throw");
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    CHECK(what.find("cannot ask the daemon: `docker --host unix:///nonexistent/charm-sim-test.sock version` failed") == 0);
    CHECK(what.find("[Docker: unix:///nonexistent/charm-sim-test.sock]") != std::string::npos);
  }
}

TEST_CASE("the docker runner kills a client that overruns its timeout", "[docker_cli]") {
  // A daemon socket that accepts connections and never answers: the client waits forever.
  std::string dir_template = (std::filesystem::temp_directory_path() / "docker-cli-test-XXXXXX").string();
  REQUIRE(::mkdtemp(dir_template.data()));
  const std::filesystem::path socket_path = std::filesystem::path(dir_template) / "silent.sock";
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(fd, 16) == 0);

  sim::DockerCli docker("unix://" + socket_path.string());
  const auto started = std::chrono::steady_clock::now();
  sim::DockerResult r = docker.run({"version"}, std::chrono::milliseconds(1500));
  const auto took = std::chrono::steady_clock::now() - started;
  ::close(fd);
  std::filesystem::remove_all(dir_template);
  CHECK(r.timed_out);
  CHECK_FALSE(r.ok());
  CHECK(took >= std::chrono::milliseconds(1500));
  CHECK(took < std::chrono::seconds(10));
}
