#include <catch2/catch.hpp>

#include "../runtime/fake-tools/fake_tools.hpp"
#include "charm/hook_tools.hpp"

using charm::HookToolError;
using charm::testing::FakeTools;
using nlohmann::json;
namespace hookcmd = charm::hookcmd;
using Argv = std::vector<std::string>;

namespace {
// A unit app/0 related to pg/0 and pg/1 on db:1.
void relation_state(const FakeTools& fake) {
  fake.write_json("relations/db:1/pg/0.json", {{"host", "10.0.0.5"}, {"port", "5432"}});
  fake.write_json("relations/db:1/pg/1.json", json::object());
  fake.write_json("relations/db:1/pg.json", {{"version", "16"}});
  fake.write_json("relations/db:10/pg/2.json", json::object());
}
}  // namespace

TEST_CASE("hook_tools: reads use charm-helpers' argv and parse the JSON", "[hook_tools]") {
  FakeTools fake;
  fake.set_env("JUJU_UNIT_NAME", "app/0");
  relation_state(fake);
  fake.write_json("config.json", {{"port", 8080}, {"name", "x"}, {"unset", nullptr}});
  fake.write("is-leader", "true");
  fake.write_json("leader.json", {{"token", "abc"}});

  CHECK(hookcmd::config_get() == json{{"port", 8080}, {"name", "x"}, {"unset", nullptr}});
  CHECK(hookcmd::relation_ids("db") == Argv{"db:1", "db:10"});
  CHECK(hookcmd::relation_list("db:1") == Argv{"pg/0", "pg/1"});
  CHECK(hookcmd::relation_list_app("db:1") == "pg");
  CHECK(hookcmd::relation_get("db:1", "pg/0") ==
        std::map<std::string, std::string>{{"host", "10.0.0.5"}, {"port", "5432"}});
  CHECK(hookcmd::relation_get("db:1", "pg", true) == std::map<std::string, std::string>{{"version", "16"}});
  CHECK(hookcmd::is_leader());
  CHECK(hookcmd::leader_get() == std::map<std::string, std::string>{{"token", "abc"}});

  CHECK(fake.calls() == std::vector<Argv>{
                            {"config-get", "--all", "--format=json"},
                            {"relation-ids", "--format=json", "db"},
                            {"relation-list", "--format=json", "-r", "db:1"},
                            {"relation-list", "--format=json", "--app", "-r", "db:1"},
                            {"relation-get", "--format=json", "-r", "db:1", "-", "pg/0"},
                            {"relation-get", "--format=json", "--app", "-r", "db:1", "-", "pg"},
                            {"is-leader", "--format=json"},
                            {"leader-get", "--format=json", "-"},
                        });
  CHECK(hookcmd::processes_started() >= 8);
}

TEST_CASE("hook_tools: relation-set sends a JSON map on stdin; nullopt is null", "[hook_tools]") {
  FakeTools fake;
  fake.set_env("JUJU_UNIT_NAME", "app/0");
  relation_state(fake);
  fake.write_json("relations/db:1/app/0.json", {{"old", "1"}, {"keep", "k"}});
  fake.write("is-leader", "true");

  hookcmd::relation_set("db:1", {{"host", "10.1.1.1"},
                                 {"old", std::nullopt},
                                 {"uni", "caf\xc3\xa9 \xe2\x80\xa8\x01\x7f\xc2\x85\xf0\x9f\x98\x80"}});
  hookcmd::relation_set("db:1", {{"schema", "{\"a\": 1}"}}, true);
  hookcmd::relation_set("db:1", {});  // nothing to change: no process

  CHECK(fake.calls() == std::vector<Argv>{{"relation-set", "-r", "db:1", "--file", "-"},
                                          {"relation-set", "-r", "db:1", "--app", "--file", "-"}});
  auto sent = fake.stdin_calls();
  REQUIRE(sent.size() == 2);
  // Raw UTF-8, but what a YAML reader refuses or folds (controls, DEL, NEL, LS) is escaped:
  // Juju reads --file as YAML. Non-BMP stays raw (YAML has no surrogate pairs).
  CHECK(sent[0]["stdin"] ==
        "{\"host\": \"10.1.1.1\", \"old\": null, "
        "\"uni\": \"caf\xc3\xa9 \\u2028\\u0001\\u007f\\u0085\xf0\x9f\x98\x80\"}\n");
  CHECK(sent[1]["stdin"] == "{\"schema\": \"{\\\"a\\\": 1}\"}\n");
  CHECK(fake.read_json("relations/db:1/app/0.json") ==
        json{{"host", "10.1.1.1"}, {"keep", "k"}, {"uni", "caf\xc3\xa9 \xe2\x80\xa8\x01\x7f\xc2\x85\xf0\x9f\x98\x80"}});
  // Invalid UTF-8 cannot travel as YAML: refused before any process starts.
  fake.clear_log();
  CHECK_THROWS_AS(hookcmd::relation_set("db:1", {{"bin", "\xff"}}), std::invalid_argument);
  CHECK(fake.calls().empty());
  CHECK(fake.read_json("relations/db:1/app.json") == json{{"schema", "{\"a\": 1}"}});
}

TEST_CASE("hook_tools: writes and actions use charm-helpers' argv", "[hook_tools]") {
  FakeTools fake;
  fake.write("is-leader", "true");
  fake.write_json("action.json", {{"target", "/srv"}, {"depth", 2}});
  fake.write_json("storage/data/0.json", {{"kind", "filesystem"}, {"location", "/srv/data"}});
  fake.write_json("network/db.json", {{"ingress-addresses", {"10.0.0.1"}}});
  fake.write("resources/etcd", "binary");

  hookcmd::status_set("Active", "ready");
  hookcmd::status_set("blocked", "needs etcd", true);
  CHECK(hookcmd::status_get().status == "active");
  CHECK(hookcmd::status_get().message == "ready");
  CHECK(hookcmd::status_get(true).message == "needs etcd");
  hookcmd::application_version_set("3.5.1");
  hookcmd::juju_log("hello world", hookcmd::LogLevel::warning);
  hookcmd::leader_set({{"a", "1"}, {"b", std::nullopt}});
  hookcmd::open_port("8080/TCP");
  hookcmd::close_port("icmp");
  CHECK(hookcmd::opened_ports() == Argv{"8080/tcp"});
  CHECK(hookcmd::unit_get("private-address") == "192.0.2.10");
  CHECK(hookcmd::network_get("db", "db:1") == json{{"ingress-addresses", {"10.0.0.1"}}});
  CHECK(hookcmd::action_get() == json{{"target", "/srv"}, {"depth", 2}});
  hookcmd::action_set({{"result.path", "/srv/x"}, {"ok", "yes"}});
  hookcmd::action_fail("disk full");
  hookcmd::action_log("step 1");
  CHECK(hookcmd::storage_get("data/0") == json{{"kind", "filesystem"}, {"location", "/srv/data"}});
  CHECK(hookcmd::storage_list("data") == Argv{"data/0"});
  CHECK(hookcmd::resource_get("etcd") == (fake.state() / "resources/etcd").string());
  hookcmd::juju_reboot();
  hookcmd::juju_reboot(true);

  CHECK(fake.calls() == std::vector<Argv>{
                            {"status-set", "active", "ready"},
                            {"status-set", "--application", "blocked", "needs etcd"},
                            {"status-get", "--format=json", "--include-data"},
                            {"status-get", "--format=json", "--include-data"},
                            {"status-get", "--format=json", "--include-data", "--application"},
                            {"application-version-set", "3.5.1"},
                            {"juju-log", "-l", "WARNING", "hello world"},
                            {"leader-set", "a=1", "b="},
                            {"open-port", "8080/TCP"},
                            {"close-port", "icmp"},
                            {"opened-ports", "--format=json"},
                            {"unit-get", "--format=json", "private-address"},
                            {"network-get", "db", "--format=json", "-r", "db:1"},
                            {"action-get", "--format=json"},
                            {"action-set", "ok=yes", "result.path=/srv/x"},
                            {"action-fail", "disk full"},
                            {"action-log", "step 1"},
                            {"storage-get", "--format=json", "-s", "data/0"},
                            {"storage-list", "--format=json", "data"},
                            {"resource-get", "etcd"},
                            {"juju-reboot"},
                            {"juju-reboot", "--now"},
                        });
  CHECK(fake.read_json("action-results.json") == json{{"ok", "yes"}, {"result", {{"path", "/srv/x"}}}});
}

TEST_CASE("hook_tools: status_set rejects an unknown state without running anything", "[hook_tools]") {
  FakeTools fake;
  CHECK_THROWS_AS(hookcmd::status_set("error", "x"), std::invalid_argument);
  CHECK_THROWS_AS(hookcmd::status_set("", "x"), std::invalid_argument);
  CHECK(fake.calls().empty());
}

TEST_CASE("hook_tools: failures become HookToolError with argv, exit code and stderr", "[hook_tools]") {
  FakeTools fake;
  fake.set_env("JUJU_UNIT_NAME", "app/0");
  relation_state(fake);
  try {
    hookcmd::relation_get("db:1", "x/0");
    FAIL("no exception");
  } catch (const HookToolError& e) {
    CHECK(e.exit_code() == 1);
    CHECK(e.argv() == Argv{"relation-get", "--format=json", "-r", "db:1", "-", "x/0"});
    CHECK(e.stderr_text() == "ERROR cannot read settings for \"x/0\" in relation \"db:1\": settings not found\n");
    CHECK(std::string(e.what()) ==
          "relation-get --format=json -r db:1 - x/0 failed (exit 1): "
          "ERROR cannot read settings for \"x/0\" in relation \"db:1\": settings not found");
  }
  // Exit code 2 from relation-get is charm-helpers' "no data".
  CHECK(hookcmd::relation_get("db:99", "pg/0").empty());
  fake.fail("relation-get", 2, "ERROR no unit or application specified\n");
  CHECK(hookcmd::relation_get("db:1", "pg/0").empty());
  // ... but not from the other tools.
  fake.fail("leader-set", 1, "ERROR cannot write leadership settings: cannot write settings: not the leader\n");
  CHECK_THROWS_WITH(hookcmd::leader_set({{"a", "1"}}),
                    "leader-set a=1 failed (exit 1): ERROR cannot write leadership settings: cannot write settings: "
                    "not the leader");
  fake.fail("config-get", 2, "ERROR flag provided but not defined: --all\n");
  CHECK_THROWS_AS(hookcmd::config_get(), HookToolError);
}

TEST_CASE("hook_tools: a missing tool is exit code 127", "[hook_tools]") {
  FakeTools fake;
  try {
    hookcmd::run({"no-such-hook-tool-xyz", "a"});
    FAIL("no exception");
  } catch (const HookToolError& e) {
    CHECK(e.exit_code() == 127);
    CHECK(std::string(e.what()).starts_with("no-such-hook-tool-xyz a failed (exit 127): cannot run"));
  }
}

TEST_CASE("hook_tools: values reach the tool verbatim as one argument; no shell runs", "[hook_tools]") {
  FakeTools fake;
  fake.write("is-leader", "true");
  std::string marker = (fake.root() / "pwned").string();
  std::string nasty = "$(touch " + marker + "); touch " + marker + " `touch " + marker + "` 'q' \"dq\"\nline2 * \\";
  hookcmd::status_set("maintenance", nasty);
  hookcmd::juju_log(nasty);
  hookcmd::leader_set({{"k", nasty}});
  hookcmd::juju_log("-starts-with-dash");

  auto calls = fake.calls();
  REQUIRE(calls.size() == 4);
  CHECK(calls[0] == Argv{"status-set", "maintenance", nasty});
  CHECK(calls[1] == Argv{"juju-log", "-l", "INFO", nasty});
  CHECK(calls[2] == Argv{"leader-set", "k=" + nasty});
  CHECK(calls[3] == Argv{"juju-log", "-l", "INFO", "--", "-starts-with-dash"});  // not read as a flag
  CHECK(fake.read_json("status.json") == json{{"status", "maintenance"}, {"message", nasty}});
  CHECK_FALSE(std::filesystem::exists(marker));
}

TEST_CASE("hook_tools: run feeds large stdin while draining large stdout and stderr", "[hook_tools]") {
  std::string big(3 << 20, 'x');  // well past the 64 KiB pipe buffers in both directions
  std::string out = hookcmd::run({"sh", "-c", "cat; head -c 1000000 /dev/zero >&2"}, big);
  CHECK(out == big);
  // A tool that ignores its stdin and exits must not kill us with SIGPIPE.
  CHECK(hookcmd::run({"true"}, big).empty());
  CHECK_THROWS_AS(hookcmd::run({"sh", "-c", "kill -TERM $$"}), HookToolError);
  try {
    hookcmd::run({"sh", "-c", "kill -TERM $$"});
  } catch (const HookToolError& e) {
    CHECK(e.exit_code() == 128 + 15);
  }
}
