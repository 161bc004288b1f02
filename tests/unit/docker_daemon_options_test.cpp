// DaemonOptions: kv persistence, operator precedence, restart detection, DOCKER_OPTS quoting,
// invalid JSON; and a real dockerd started from the files it writes.
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "charm/docker_daemon_options.hpp"
#include "charm/kv.hpp"
#include "runtime/docker_opts_text.hpp"
#include "runtime/subprocess.hpp"
#include "support/docker_fixture.hpp"

using charm::KeyValueStore;
using charm::docker::DaemonOptions;
using charm::docker::DaemonOptionsError;
using charm::docker::Split;
using nlohmann::json;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = "/tmp/daemon-opts-XXXXXX";  // short: a test starts dockerd with files here
    REQUIRE(::mkdtemp(tmpl.data()));
    path = tmpl;
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The words DOCKER_OPTS holds after sh sources the file, as Debian's init script does
// (`. /etc/default/docker`, then $DOCKER_OPTS unquoted).
std::vector<std::string> words_seen_by_init_script(const fs::path& default_file) {
  auto result = charm::run_process(
      {"sh", "-c", ". \"$1\"; for word in $DOCKER_OPTS; do printf '%s\\n' \"$word\"; done", "sh", default_file.string()});
  REQUIRE(result.exit_code == 0);
  std::vector<std::string> words;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) words.push_back(line);
  return words;
}

}  // namespace

TEST_CASE("daemon options: settings and flags persist in the unit kv under charms.docker's keys",
          "[docker_daemon_options]") {
  TempDir dir;
  fs::path db = dir.path / ".unit-state.db";
  {
    KeyValueStore kv(db);
    DaemonOptions options(kv);
    CHECK(options.set("bip", "10.1.57.1/24"));
    CHECK(options.set("log-opts", {{"max-size", "10m"}}));
    options.add_flag("--mtu", "1450");
    options.add_flag("dns", "10.0.0.2,10.0.0.3", Split::on_commas);
    options.add_flag("dns", "10.0.0.2");  // already there: not added twice
    options.add_flag("debug");
    kv.commit();
  }
  KeyValueStore kv(db);
  CHECK(kv.get("daemon-opts-additions") == json({{"bip", "10.1.57.1/24"}, {"log-opts", {{"max-size", "10m"}}}}));
  CHECK(kv.get("docker_opts") == json({{"debug", nullptr}, {"dns", {"10.0.0.2", "10.0.0.3"}}, {"mtu", {"1450"}}}));

  DaemonOptions reloaded(kv);
  CHECK(reloaded.get("bip") == json("10.1.57.1/24"));
  CHECK(reloaded.has_flag("mtu"));
  CHECK(reloaded.docker_opts_words() ==
        std::vector<std::string>{"--debug", "--dns=10.0.0.2", "--dns=10.0.0.3", "--mtu=1450"});

  CHECK(reloaded.remove_flag("dns", "10.0.0.2"));
  CHECK_FALSE(reloaded.remove_flag("dns", "10.9.9.9"));
  CHECK(reloaded.remove_flag("debug"));
  CHECK_FALSE(reloaded.remove_flag("debug"));
  CHECK(reloaded.unset("bip"));
  CHECK_FALSE(reloaded.unset("bip"));
  CHECK(DaemonOptions(kv).docker_opts_words() == std::vector<std::string>{"--dns=10.0.0.3", "--mtu=1450"});
  CHECK_FALSE(DaemonOptions(kv).get("bip"));
}

TEST_CASE("daemon options: the operator's daemon-opts win over the charm's settings", "[docker_daemon_options]") {
  KeyValueStore kv(":memory:");
  DaemonOptions options(kv);
  options.set_operator_json(R"({"mtu": 1400, "log-driver": "json-file"})");
  CHECK_FALSE(options.set("mtu", 1450));  // refused: the operator chose another value
  CHECK(options.get("mtu") == json(1400));
  CHECK(options.set("mtu", 1400));
  CHECK(options.set("bip", "10.1.57.1/24"));
  CHECK(options.to_daemon_json() == json({{"bip", "10.1.57.1/24"}, {"log-driver", "json-file"}, {"mtu", 1400}}));
  options.set_operator_json("");  // an empty option means no operator settings
  CHECK(options.to_daemon_json() == json({{"bip", "10.1.57.1/24"}, {"mtu", 1400}}));
}

TEST_CASE("daemon options: write reports a change only when a file's content changes", "[docker_daemon_options]") {
  TempDir dir;
  fs::path daemon_json = dir.path / "etc/docker/daemon.json";
  fs::path defaults = dir.path / "etc/default/docker";
  KeyValueStore kv(":memory:");
  DaemonOptions options(kv);
  options.set_operator_json(R"({"log-driver": "json-file"})");
  options.add_flag("mtu", "1450");

  CHECK(options.write(daemon_json, defaults));  // new files: restart needed
  CHECK(json::parse(read(daemon_json)) == json({{"log-driver", "json-file"}}));
  CHECK_THAT(read(defaults), Contains("DOCKER_OPTS=\"--mtu=1450\"\n"));
  struct stat before {};
  REQUIRE(::stat(daemon_json.c_str(), &before) == 0);

  CHECK_FALSE(options.write(daemon_json, defaults));  // nothing changed
  options.set_operator_json("{\n  \"log-driver\" :   \"json-file\"\n}\n");  // same settings, other spelling
  CHECK_FALSE(options.write(daemon_json, defaults));
  struct stat after {};
  REQUIRE(::stat(daemon_json.c_str(), &after) == 0);
  CHECK(after.st_ino == before.st_ino);  // not even rewritten

  options.add_flag("mtu", "1400");
  CHECK(options.write(daemon_json, defaults));
  CHECK_THAT(read(defaults), Contains("DOCKER_OPTS=\"--mtu=1450 --mtu=1400\"\n"));
  CHECK(options.set("bip", "10.1.57.1/24"));
  CHECK(options.write(daemon_json, defaults));
  CHECK(json::parse(read(daemon_json))["bip"] == "10.1.57.1/24");
  CHECK_FALSE(options.write(daemon_json, defaults));
  // No temporary files are left beside the targets.
  CHECK(std::distance(fs::directory_iterator(daemon_json.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("daemon options: the defaults file keeps its other lines", "[docker_daemon_options]") {
  TempDir dir;
  fs::path defaults = dir.path / "docker";
  std::ofstream(defaults) << "# Debian's comments\n#DOCKER_OPTS=\"--dns 8.8.8.8\"\nexport http_proxy=\"http://proxy:3128/\"\n"
                          << "DOCKER_OPTS=\"--old\"\nexport DOCKER_OPTS=\"--older\"\nDOCKER_TMPDIR=/mnt/tmp\n";
  KeyValueStore kv(":memory:");
  DaemonOptions options(kv);
  options.add_flag("mtu", "1450");
  CHECK(options.write(dir.path / "daemon.json", defaults));
  CHECK(read(defaults) ==
        "# Debian's comments\n#DOCKER_OPTS=\"--dns 8.8.8.8\"\nexport http_proxy=\"http://proxy:3128/\"\n"
        "DOCKER_OPTS=\"--mtu=1450\"\nDOCKER_TMPDIR=/mnt/tmp\n");
}

TEST_CASE("daemon options: DOCKER_OPTS reads back as the same words, running nothing", "[docker_daemon_options]") {
  TempDir dir;
  fs::path marker = dir.path / "touched";
  // No literal whitespace (DOCKER_OPTS cannot carry it), but ${IFS} gives a shell that evaluated
  // these words the space it needs to run touch.
  const std::vector<std::string> values = {"$(touch${IFS}" + marker.string() + ")",
                                           "`touch${IFS}" + marker.string() + "`",
                                           "a;touch${IFS}" + marker.string() + "&&b|c",
                                           "$HOME", "${PATH}", "x=$1", "(sub)", "~user", "a#b"};
  KeyValueStore kv(":memory:");
  DaemonOptions options(kv);
  std::vector<std::string> expected;
  for (const auto& value : values) {
    options.add_flag("label", "k=" + value);
    expected.push_back("--label=k=" + value);
  }
  options.set_extra_flags("  --log-level=warn\t--dns=$(id)  ");
  expected.push_back("--log-level=warn");
  expected.push_back("--dns=$(id)");
  CHECK(options.docker_opts_words() == expected);

  fs::path defaults = dir.path / "docker";
  options.write(dir.path / "daemon.json", defaults);
  CHECK(words_seen_by_init_script(defaults) == expected);
  CHECK_FALSE(fs::exists(marker));
  CHECK(charm::docker::detail::docker_opts_line({"--a=$(x)", "--b=`y`"}) == R"(DOCKER_OPTS="--a=\$(x) --b=\`y\`")");
}

TEST_CASE("daemon options: values DOCKER_OPTS cannot carry are refused and point to daemon.json",
          "[docker_daemon_options]") {
  KeyValueStore kv(":memory:");
  DaemonOptions options(kv);
  for (std::string value : {"two words", "say \"hi\"", "it's", "back\\slash", "glob*", "line\nbreak"}) {
    INFO(value);
    CHECK_THROWS_WITH(options.add_flag("label", value), Contains("cannot go into DOCKER_OPTS") && Contains("daemon.json"));
  }
  CHECK_THROWS_WITH(options.add_flag("label", "two words"), Contains("whitespace"));
  CHECK_THROWS_WITH(options.set_extra_flags("--label='a b'"), Contains("docker-opts") && Contains("quote"));
  CHECK_THROWS_AS(options.add_flag("bad name", "x"), DaemonOptionsError);
  CHECK_FALSE(options.has_flag("label"));
  CHECK(options.docker_opts_words().empty());
  // daemon.json carries them as they are.
  CHECK(options.set("labels", {"two words", "say \"hi\""}));
  CHECK(options.to_daemon_json()["labels"][1] == "say \"hi\"");
}

TEST_CASE("daemon options: invalid daemon-opts JSON names the problem and position, and writes nothing",
          "[docker_daemon_options]") {
  TempDir dir;
  fs::path daemon_json = dir.path / "daemon.json";
  fs::path defaults = dir.path / "docker";
  KeyValueStore kv(":memory:");
  DaemonOptions options(kv);
  options.set_operator_json(R"({"debug": false})");
  REQUIRE(options.write(daemon_json, defaults));
  std::string json_before = read(daemon_json), defaults_before = read(defaults);

  try {
    options.set_operator_json("{\n  \"debug\": tru,\n  \"mtu\": 1400\n}");
    FAIL("invalid JSON was accepted");
  } catch (const DaemonOptionsError& e) {
    std::string what = e.what();
    CHECK_THAT(what, Contains("daemon-opts: invalid JSON at line 2, column"));
    CHECK_THAT(what, Contains("\n    \"debug\": tru,\n"));
    CHECK_THAT(what, Contains("^"));
    CHECK_THAT(what, Contains("invalid literal"));
    CHECK_THAT(what, Contains("nothing was written"));
  }
  CHECK_THROWS_WITH(options.set_operator_json("[\"mtu\", 1400]"), Contains("must be a JSON object") && Contains("array"));
  CHECK_THROWS_WITH(options.set_operator_json("{\"a\": 1"), Contains("line 1, column"));
  // The previous operator settings stay; nothing on disk changed.
  CHECK(options.get("debug") == json(false));
  CHECK_FALSE(options.write(daemon_json, defaults));
  CHECK(read(daemon_json) == json_before);
  CHECK(read(defaults) == defaults_before);
}

TEST_CASE("daemon options: a setting both in daemon.json and as a flag is refused before writing",
          "[docker_daemon_options]") {
  TempDir dir;
  KeyValueStore kv(":memory:");
  DaemonOptions options(kv);
  options.set_operator_json(R"({"insecure-registries": ["registry:5000"], "debug": true})");
  options.add_flag("insecure-registry", "other:5000");
  options.set_extra_flags("-D --log-level=info");
  CHECK(options.conflicts() == std::vector<std::string>{"insecure-registries (--insecure-registry)", "debug (-D)"});
  CHECK_THROWS_WITH(options.write(dir.path / "daemon.json", dir.path / "docker"),
                    Contains("insecure-registries (--insecure-registry), debug (-D)") && Contains("nothing was written"));
  CHECK(fs::is_empty(dir.path));
  CHECK(charm::docker::detail::daemon_json_key_for_flag("--log-opt") == "log-opts");
  CHECK(charm::docker::detail::daemon_json_key_for_flag("bip") == "bip");
}

TEST_CASE("daemon options: a real dockerd starts from the written daemon.json and DOCKER_OPTS",
          "[docker_daemon_options][docker]") {
  TempDir dir;
  fs::path daemon_json = dir.path / "daemon.json";
  fs::path defaults = dir.path / "docker";
  KeyValueStore kv(":memory:");
  DaemonOptions options(kv);
  // The trust key would go to /etc/docker otherwise.
  options.set_operator_json(R"({"labels": ["from-json=with spaces and \"quotes\""]})");
  CHECK(options.set("deprecated-key-path", (dir.path / "key.json").string()));
  options.add_flag("default-ulimit", "nofile=1024:2048");
  options.add_flag("live-restore");
  options.set_extra_flags("--log-level=warn");
  REQUIRE(options.write(daemon_json, defaults));

  std::vector<std::string> args{"--config-file", daemon_json.string()};
  for (const auto& word : words_seen_by_init_script(defaults)) args.push_back(word);
  charm::test::PrivateDockerd daemon(args);
  json info = daemon.client().info();
  CHECK(info["Labels"] == json({"from-json=with spaces and \"quotes\""}));
  CHECK(info["LiveRestoreEnabled"] == true);  // from DOCKER_OPTS
  daemon.stop();

  // dockerd itself refuses a setting given both ways, under another name in each place.
  std::ofstream(daemon_json) << R"({"deprecated-key-path": ")" << (dir.path / "key.json").string()
                             << R"(", "labels": ["a=b"]})";
  CHECK_THROWS_WITH(charm::test::PrivateDockerd({"--config-file", daemon_json.string(), "--label=c=d"}),
                    Contains("labels"));
}
