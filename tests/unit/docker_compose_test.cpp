// charm::docker::Compose: Debian's docker-compose (v1) against the private dockerd. Every
// service uses `network_mode: none`: the daemon has no bridge, and a compose network would be
// a new bridge on the host.
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "charm/docker.hpp"
#include "charm/docker_compose.hpp"
#include "support/docker_fixture.hpp"

using charm::docker::Compose;
using charm::docker::ComposeOptions;
using charm::docker::DockerError;
using charm::test::shared_dockerd;
using Catch::Matchers::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Project {
  fs::path dir;
  explicit Project(const std::string& compose_yaml, const std::string& file_name = "docker-compose.yml") {
    std::string tmpl = (fs::temp_directory_path() / "composetest-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    dir = tmpl;
    std::ofstream(dir / file_name) << compose_yaml;
  }
  ~Project() { fs::remove_all(dir); }
  // Compose's project name: the directory name, lower-case, only [-_a-z0-9].
  std::string name() const {
    std::string n;
    for (char c : dir.filename().string()) {
      char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (std::isalnum(static_cast<unsigned char>(lower)) || lower == '-' || lower == '_') n += lower;
    }
    return n;
  }
};

std::string two_sleepers() {
  std::string image = shared_dockerd().busybox_image();
  return "version: \"2.4\"\n"
         "services:\n"
         "  sleeper:\n"
         "    image: " + image + "\n"
         "    command: [\"sleep\", \"600\"]\n"
         "    network_mode: none\n"
         "    environment:\n"
         "      TRICKY: \"$$(touch /tmp/x); 'single' and \\\"double\\\"\"\n"
         "  other:\n"
         "    image: " + image + "\n"
         "    command: [\"sleep\", \"600\"]\n"
         "    network_mode: none\n";
}

ComposeOptions on_private_daemon() {
  ComposeOptions options;
  options.host = shared_dockerd().host();  // never DOCKER_HOST for the whole process
  return options;
}

}  // namespace

TEST_CASE("compose: up, ps, kill, rm and down a project on the private daemon", "[docker][compose]") {
  auto docker = shared_dockerd().client();
  Project project(two_sleepers());
  Compose compose(project.dir, on_private_daemon());
  CHECK(compose.file() == project.dir / "docker-compose.yml");

  compose.up({"sleeper"});
  auto ids = compose.ps();
  REQUIRE(ids.size() == 1);
  json sleeper = docker.inspect(ids[0]);
  CHECK(sleeper["State"]["Running"] == true);
  CHECK(sleeper["Config"]["Labels"]["com.docker.compose.project"] == project.name());
  CHECK(sleeper["Config"]["Labels"]["com.docker.compose.service"] == "sleeper");
  json env = sleeper["Config"]["Env"];
  CHECK(std::find(env.begin(), env.end(), "TRICKY=$(touch /tmp/x); 'single' and \"double\"") != env.end());

  compose.up();
  CHECK(compose.ps().size() == 2);
  auto others = compose.ps({"other"});
  REQUIRE(others.size() == 1);
  CHECK(others[0] != ids[0]);

  compose.kill({"other"});
  CHECK_FALSE(docker.running(others[0]));
  CHECK(docker.running(ids[0]));
  compose.rm({"other"});
  CHECK_FALSE(docker.exists(others[0]));
  CHECK(compose.ps({"other"}).empty());

  compose.down(charm::docker::RemoveImages::none, charm::docker::RemoveVolumes::no, 1);
  CHECK(compose.ps().empty());
  CHECK_FALSE(docker.exists(ids[0]));
  // No network was made: the daemon still has only its built-in ones.
  auto networks = charm::run_process({"docker", "--host=" + shared_dockerd().host(), "network", "ls", "--format={{.Name}}"});
  CHECK(networks.out == "host\nnone\n");
}

TEST_CASE("compose: a project needs a compose file", "[docker][compose]") {
  Project project("irrelevant", "not-compose.yml");
  CHECK_THROWS_WITH(Compose(project.dir), Contains("has no docker-compose.yml or docker-compose.yaml"));
  CHECK_THROWS_AS(Compose(project.dir, ComposeOptions{"missing.yml", "docker-compose", "", ""}), std::invalid_argument);
  // A file given by name is used.
  Compose named(project.dir, ComposeOptions{"not-compose.yml", "docker-compose", "", ""});
  CHECK(named.file() == project.dir / "not-compose.yml");
}

TEST_CASE("compose: an invalid compose file fails with compose's own message", "[docker][compose]") {
  Project project("version: \"2.4\"\nservices:\n  broken:\n    image: x\n    not_a_key: 1\n", "docker-compose.yaml");
  Compose compose(project.dir, on_private_daemon());
  try {
    compose.up();
    FAIL("up of an invalid project succeeded");
  } catch (const DockerError& e) {
    CHECK(e.exit_code() != 0);
    CHECK_THAT(e.stderr_text(), Contains("not_a_key"));
    CHECK(e.argv().front() == "docker-compose");
  }
}
