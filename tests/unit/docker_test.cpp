// charm::docker::Docker against a real private dockerd (tests/support/docker_fixture.hpp).
#include <stdlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "charm/docker.hpp"
#include "support/docker_fixture.hpp"

using charm::docker::AllContainers;
using charm::docker::Docker;
using charm::docker::DockerError;
using charm::docker::Force;
using charm::docker::RunOptions;
using charm::test::shared_dockerd;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "docker-test-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    path = tmpl;
  }
  ~TempDir() { fs::remove_all(path); }
};

// A name no other test run uses, so a leftover container never makes a test pass.
std::string unique_name(const std::string& prefix) {
  static int counter = 0;
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

RunOptions sleeper(const std::string& name) {
  RunOptions options;
  options.image = shared_dockerd().busybox_image();
  options.name = name;
  options.network = "none";
  options.command = {"sleep", "600"};
  return options;
}

// Retries until `ready` holds or 10 s pass: a detached container starts asynchronously.
template <typename F>
bool eventually(F ready) {
  for (int i = 0; i < 100; ++i) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

TEST_CASE("docker: runs a busybox container, lists, inspects, logs, stops and removes it", "[docker]") {
  Docker docker = shared_dockerd().client();
  std::string name = unique_name("life");
  RunOptions options = sleeper(name);
  options.command = {"sh", "-c", "echo to-stdout; echo to-stderr >&2; exec sleep 600"};
  options.labels = {{"charm-test", "lifecycle"}};

  std::string id = docker.run(options);
  REQUIRE(id.size() == 64);
  CHECK(docker.exists(name));
  CHECK(docker.running(name));

  auto listed = docker.ps();
  auto it = std::find_if(listed.begin(), listed.end(), [&](const auto& c) { return c.id == id; });
  REQUIRE(it != listed.end());
  CHECK(it->names == name);
  CHECK(it->image.rfind("charm-test/busybox", 0) == 0);
  CHECK(it->state == "running");
  CHECK(it->labels == "charm-test=lifecycle");

  json inspected = docker.inspect(name);
  CHECK(inspected["Id"] == id);
  CHECK(inspected["State"]["Running"] == true);
  CHECK(inspected["HostConfig"]["NetworkMode"] == "none");

  REQUIRE(eventually([&] { return !docker.logs(name).err.empty(); }));
  auto logs = docker.logs(name);
  CHECK(logs.out == "to-stdout\n");
  CHECK(logs.err == "to-stderr\n");

  docker.stop(name, 1);
  CHECK_FALSE(docker.running(name));
  CHECK(docker.exists(name));
  auto stopped = docker.ps();
  CHECK(std::none_of(stopped.begin(), stopped.end(), [&](const auto& c) { return c.id == id; }));
  auto all = docker.ps(AllContainers::yes);
  auto exited = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.id == id; });
  REQUIRE(exited != all.end());
  CHECK(exited->state == "exited");

  docker.rm(name);
  CHECK_FALSE(docker.exists(name));
  CHECK_FALSE(docker.running(name));
}

TEST_CASE("docker: arguments reach the container verbatim, never through a shell", "[docker]") {
  Docker docker = shared_dockerd().client();
  TempDir dir;
  fs::path marker = dir.path / "touched";
  const std::vector<std::string> tricky = {
      "$(touch " + marker.string() + ")", "`touch " + marker.string() + "`", "a; touch " + marker.string(),
      "\"double\" and 'single' quotes", "  spaces  ", "--not-an-option", "back\\slash", "*", "$HOME", ""};

  RunOptions options = sleeper(unique_name("verbatim"));
  for (size_t i = 0; i < tricky.size(); ++i) options.env["TRICKY_" + std::to_string(i)] = tricky[i];
  options.command = {"sleep", "600"};
  docker.run(options);
  json env = docker.inspect(options.name)["Config"]["Env"];
  for (size_t i = 0; i < tricky.size(); ++i) {
    INFO("value " << i << ": " << tricky[i]);
    CHECK(std::find(env.begin(), env.end(), "TRICKY_" + std::to_string(i) + "=" + tricky[i]) != env.end());
  }
  docker.rm(options.name, Force::yes);

  // Command arguments, echoed back by the container itself.
  RunOptions echo;
  echo.image = shared_dockerd().busybox_image();
  echo.network = "none";
  echo.detach = false;
  echo.remove = true;
  echo.command = {"printf", "[%s]\\n"};
  echo.command.insert(echo.command.end(), tricky.begin(), tricky.end());
  std::string expected;
  for (const auto& arg : tricky) expected += "[" + arg + "]\n";
  CHECK(docker.run(echo) == expected);
  CHECK_FALSE(fs::exists(marker));
}

TEST_CASE("docker: save, remove and load an image round trip", "[docker]") {
  Docker docker = shared_dockerd().client();
  TempDir dir;
  std::ofstream(dir.path / "Dockerfile") << "FROM " << shared_dockerd().busybox_image() << "\nLABEL round=trip\n";
  std::string tag = "charm-test/round-trip:" + std::to_string(::getpid());
  std::string id = docker.build(dir.path, tag);
  REQUIRE(id.rfind("sha256:", 0) == 0);

  fs::path archive = dir.path / "image.tar";
  docker.save({tag}, archive);
  REQUIRE(fs::file_size(archive) > 1000);
  docker.rmi(tag);
  CHECK_THROWS_AS(docker.inspect(tag), DockerError);

  auto loaded = docker.load(archive);
  CHECK(loaded == std::vector<std::string>{tag});
  json image = docker.inspect(tag);
  CHECK(image["Id"] == id);
  CHECK(image["Config"]["Labels"]["round"] == "trip");
  docker.rmi(tag);
}

TEST_CASE("docker: builds from a Dockerfile FROM the busybox image", "[docker]") {
  Docker docker = shared_dockerd().client();
  TempDir dir;
  std::ofstream(dir.path / "Dockerfile") << "FROM " << shared_dockerd().busybox_image() << "\n"
                                         << "ARG GREETING=unset\n"
                                         << "RUN echo \"$GREETING\" > /greeting\n"
                                         << "CMD [\"cat\", \"/greeting\"]\n";
  std::string tag = "charm-test/built:" + std::to_string(::getpid());
  charm::docker::BuildOptions build;
  build.network = "none";
  build.build_args = {{"GREETING", "hello; from $(build)"}};
  std::string id = docker.build(dir.path, tag, build);
  CHECK(id.rfind("sha256:", 0) == 0);
  CHECK(docker.inspect(tag)["Id"] == id);

  RunOptions run;
  run.image = tag;
  run.network = "none";
  run.detach = false;
  run.remove = true;
  CHECK(docker.run(run) == "hello; from $(build)\n");
  docker.rmi(tag);
}

TEST_CASE("docker: an unknown image fails with the command, exit code and the CLI's stderr", "[docker]") {
  Docker docker = shared_dockerd().client();
  RunOptions options;
  options.image = "charm-test/does-not-exist:latest";
  options.extra_args = {"--pull=never"};  // never reach out to a registry
  options.env = {{"PASSWORD", "hunter2"}};
  try {
    docker.run(options);
    FAIL("run of an unknown image succeeded");
  } catch (const DockerError& e) {
    CHECK(e.exit_code() == 125);
    CHECK(std::find(e.argv().begin(), e.argv().end(), "--env=PASSWORD=hunter2") != e.argv().end());
    CHECK_THAT(e.what(), Catch::Matchers::Contains("--env=PASSWORD=***"));
    CHECK(std::string(e.what()).find("hunter2") == std::string::npos);  // messages end up in logs
    CHECK(e.stderr_text().find("charm-test/does-not-exist") != std::string::npos);
    CHECK(std::find(e.argv().begin(), e.argv().end(), "run") != e.argv().end());
    std::string what = e.what();
    CHECK(what.find("failed (exit 125)") != std::string::npos);
    CHECK(what.find("No such image") != std::string::npos);
  }
  CHECK_THROWS_AS(docker.inspect("charm-test/does-not-exist:latest"), DockerError);
  // A registry nobody listens on: refused at once, whatever network this machine has.
  try {
    docker.pull("127.0.0.1:1/charm-test/none:latest");
    FAIL("pull from a closed port succeeded");
  } catch (const DockerError& e) {
    CHECK(e.exit_code() != 0);
    CHECK(e.stderr_text().find("127.0.0.1:1") != std::string::npos);
  }
  CHECK_FALSE(docker.exists("no-such-container-" + std::to_string(::getpid())));
  CHECK_FALSE(docker.running("no-such-container-" + std::to_string(::getpid())));
}

TEST_CASE("docker: names the CLI would read as options are refused before running anything", "[docker]") {
  Docker docker{charm::docker::ClientOptions{"/nonexistent/docker", "", {}}};
  CHECK_THROWS_AS(docker.rm("--all"), std::invalid_argument);
  CHECK_THROWS_AS(docker.inspect("-f"), std::invalid_argument);
  CHECK_THROWS_AS(docker.stop(""), std::invalid_argument);
  RunOptions options;
  options.image = "--privileged";
  CHECK_THROWS_AS(docker.run(options), std::invalid_argument);
}

TEST_CASE("docker: a missing client or daemon is a DockerError, and available() says so", "[docker]") {
  Docker missing_client{charm::docker::ClientOptions{"/nonexistent/docker", "", {}}};
  try {
    missing_client.ps();
    FAIL("ps without a client succeeded");
  } catch (const DockerError& e) {
    CHECK(e.exit_code() == 127);
  }
  TempDir dir;
  charm::docker::ClientOptions options;
  options.host = "unix://" + (dir.path / "no-daemon.sock").string();
  options.config_dir = dir.path / "config";
  Docker no_daemon(options);
  CHECK_FALSE(no_daemon.available());
  CHECK_THROWS_AS(no_daemon.info(), DockerError);
  CHECK_THROWS_AS(no_daemon.exists("anything"), DockerError);  // not an answer either way

  Docker docker = shared_dockerd().client();
  CHECK(docker.available());
  CHECK(docker.info()["ServerVersion"].is_string());
}

TEST_CASE("docker: login sends the password on stdin, never in the argv", "[docker]") {
  Docker docker = shared_dockerd().client();
  const std::string password = "s3cret-$(not-run)";
  try {
    // Nothing listens on port 1: the daemon's attempt fails, after reading the password.
    docker.login("127.0.0.1:1", "charm", password);
    FAIL("login to a closed port succeeded");
  } catch (const DockerError& e) {
    for (const auto& arg : e.argv()) CHECK(arg.find(password) == std::string::npos);
    CHECK(std::string(e.what()).find(password) == std::string::npos);
    CHECK(e.stderr_text().find("127.0.0.1:1") != std::string::npos);
    CHECK(std::find(e.argv().begin(), e.argv().end(), "--password-stdin") != e.argv().end());
  }
  CHECK_THROWS_AS(docker.login("127.0.0.1:1", "charm", ""), std::invalid_argument);
}

TEST_CASE("docker: prune removes stopped containers, kill and wait report the end", "[docker]") {
  Docker docker = shared_dockerd().client();
  std::string name = unique_name("prune");
  docker.run(sleeper(name));
  docker.kill(name);
  CHECK(docker.wait(name) == 137);  // 128 + SIGKILL
  CHECK(docker.exists(name));
  docker.prune_containers();
  CHECK_FALSE(docker.exists(name));

  // An untagged image is dangling: prune_images removes it.
  TempDir dir;
  std::ofstream(dir.path / "Dockerfile") << "FROM " << shared_dockerd().busybox_image() << "\nLABEL prune=me\n";
  std::string tag = "charm-test/prune:" + std::to_string(::getpid());
  std::string id = docker.build(dir.path, tag);
  charm::docker::BuildOptions rebuild;
  rebuild.no_cache = true;
  docker.build(dir.path, tag, rebuild);
  CHECK(docker.inspect(id)["RepoTags"].empty());  // the rebuild took the tag
  docker.prune_images();
  CHECK_THROWS_AS(docker.inspect(id), DockerError);
  docker.rmi(tag);
}

TEST_CASE("docker: ping answers over the daemon's socket, and is false where no daemon listens", "[docker]") {
  const std::string host = shared_dockerd().host();
  REQUIRE(host.rfind("unix://", 0) == 0);
  const fs::path socket = host.substr(7);
  CHECK(charm::docker::ping(socket));

  TempDir dir;
  CHECK_FALSE(charm::docker::ping(dir.path / "no-such.sock"));
  // A socket path longer than sockaddr_un allows is refused, not truncated.
  CHECK_FALSE(charm::docker::ping(fs::path("/tmp") / std::string(200, 'x')));
}
