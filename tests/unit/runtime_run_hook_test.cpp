// run_hook end to end with fake hook tools: all-or-nothing persistence, managed flags, shell
// handlers in the hook's transaction, exec.d, and config values never reaching a shell.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../runtime/fake-tools/fake_tools.hpp"
#include "charm/charm.hpp"
#include "runtime/log_sink.hpp"
#include "runtime/md5.hpp"

using namespace charm;
namespace fs = std::filesystem;

namespace {

// Shell handlers call `charm-reactive`, a link to the running binary; in this test that binary
// is the test runner, so it acts as the hook binary would before Catch's main starts.
const bool g_client_mode = [] {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::vector<std::string> args;
  for (std::string a; std::getline(in, a, '\0');) args.push_back(a);
  if (args.empty() || fs::path(args[0]).filename() != "charm-reactive") return false;
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::exit(run_hook(int(argv.size()), argv.data()));
}();

const char* k_config_yaml = R"(options:
  port: {type: int, default: 80, description: listen port}
  name: {type: string, default: "", description: a name}
  debug: {type: boolean, default: false, description: debug}
  zero: {type: int, default: 5, description: zero is set}
  empty: {type: string, description: no default}
  ratio: {type: float, default: 1, description: a float}
  msg: {type: string, default: hello, description: free text}
)";

const char* k_metadata_yaml = R"(name: app
summary: test
requires:
  db: {interface: pgsql}
provides:
  web: {interface: http}
)";

const char* k_layer_yaml = R"(includes: ['layer:basic']
options:
  basic: {packages: [pkg-a, pkg-b], use_venv: true}
  app: {port: 8080, mode: fast, enabled: false}
)";

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct HookFixture {
  testing::FakeTools tools;
  fs::path charm_dir = tools.root() / "charm";
  std::vector<HandlerSpec> saved_registry = handler_registry();
  std::vector<std::pair<hookcmd::LogLevel, std::string>> logged;

  HookFixture() {
    fs::create_directories(charm_dir);
    write("metadata.yaml", k_metadata_yaml);
    write("config.yaml", k_config_yaml);
    write("layer.yaml", k_layer_yaml);
    tools.write_json("config.json", {{"port", 80}, {"name", "x"}, {"debug", false}, {"zero", 0}, {"empty", nullptr},
                                     {"ratio", 1.0}, {"msg", "hello"}});
    tools.set_env("JUJU_CHARM_DIR", charm_dir.string());
    tools.set_env("CHARM_DIR", charm_dir.string());
    tools.set_env("UNIT_STATE_DB", (charm_dir / ".unit-state.db").string());
    tools.set_env("JUJU_UNIT_NAME", "app/0");
    tools.set_env("JUJU_ACTION_NAME", "");
    handler_registry().clear();
    detail::set_log_observer([this](hookcmd::LogLevel l, std::string_view m) { logged.emplace_back(l, m); });
  }
  ~HookFixture() {
    detail::set_log_observer({});
    handler_registry() = saved_registry;
  }

  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((charm_dir / rel).parent_path());
    std::ofstream(charm_dir / rel, std::ios::binary) << text;
  }
  void script(const std::string& rel, const std::string& text) const {
    write(rel, text);
    fs::permissions(charm_dir / rel, fs::perms(0755));
  }

  int run(const std::string& hook, const std::string& dispatch_dir = "hooks") {
    tools.set_env("JUJU_DISPATCH_PATH", dispatch_dir + "/" + hook);
    tools.set_env("JUJU_HOOK_NAME", dispatch_dir == "hooks" ? hook : "");
    std::string argv0 = (charm_dir / "dispatch").string();
    char* argv[] = {argv0.data(), nullptr};
    return run_hook(1, argv);
  }

  // What a later hook would find: the committed database.
  std::optional<nlohmann::json> stored(const std::string& key) const {
    KeyValueStore db(charm_dir / ".unit-state.db");
    return db.get(key);
  }
  std::vector<std::string> stored_flags() const {
    KeyValueStore db(charm_dir / ".unit-state.db");
    std::vector<std::string> out;
    for (const auto& [k, v] : db.get_range("reactive.states.", true)) out.push_back(k);
    return out;
  }
  bool logged_with(hookcmd::LogLevel level, const std::string& text) const {
    for (const auto& [l, m] : logged)
      if (l == level && m.find(text) != std::string::npos) return true;
    return false;
  }
  std::vector<std::vector<std::string>> calls_of(const std::string& tool) const {
    std::vector<std::vector<std::string>> out;
    for (auto& c : tools.calls())
      if (c[0] == tool) out.push_back(c);
    return out;
  }
};

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::vector<std::string> with_prefix(const std::vector<std::string>& v, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& s : v)
    if (s.rfind(prefix, 0) == 0) out.push_back(s);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE_METHOD(HookFixture, "runtime: a failing handler exits 1 and nothing of the hook persists", "[runtime]") {
  handler("install").hook("install").run([] {
    set_flag("installed");
    kv().set("app.x", 1);
  });
  handler("change").hook("config-changed").run([] {
    set_flag("change.seen");
    kv().set("app.y", 2);
    CHECK(data_changed("app.data", {{"a", 1}}));
  });
  handler("boom").when("change.seen").run([] { throw std::runtime_error("cannot render"); });
  REQUIRE(run("install") == 0);
  std::string snapshot = read_text(charm_dir / ".juju-persistent-config");
  auto leadership = stored("leadership.settings.k");

  tools.write_json("config.json", {{"port", 81}});
  tools.write_json("leader.json", {{"k", "v"}});
  CHECK(run("config-changed") == 1);
  CHECK(stored_flags() == Strings{"installed"});
  CHECK(stored("app.x") == 1);
  CHECK_FALSE(stored("app.y"));
  CHECK_FALSE(stored("reactive.data_changed.app.data"));
  CHECK(stored("leadership.settings.k") == leadership);
  CHECK(read_text(charm_dir / ".juju-persistent-config") == snapshot);
  CHECK(logged_with(hookcmd::LogLevel::error, "Hook error: handler boom ("));
  CHECK(logged_with(hookcmd::LogLevel::error, "cannot render"));
  auto logs = calls_of("juju-log");
  REQUIRE(logs.size() == 1);
  CHECK(logs[0][2] == "ERROR");
}

TEST_CASE_METHOD(HookFixture, "runtime: config flags compare with the snapshot and last one hook", "[runtime]") {
  Strings seen;
  handler("watch").run([&] { seen = flags().list(); });
  REQUIRE(run("install") == 0);
  CHECK(with_prefix(seen, "config.changed") ==
        Strings{"config.changed", "config.changed.debug", "config.changed.empty", "config.changed.msg",
                "config.changed.name", "config.changed.port", "config.changed.ratio", "config.changed.zero"});
  // Set means present and not empty: 0 and false count (DECISIONS.md).
  CHECK(with_prefix(seen, "config.set.") == Strings{"config.set.debug", "config.set.msg", "config.set.name",
                                                     "config.set.port", "config.set.ratio", "config.set.zero"});
  CHECK(with_prefix(seen, "config.default.") == Strings{"config.default.debug", "config.default.empty",
                                                         "config.default.msg", "config.default.port",
                                                         "config.default.ratio"});
  CHECK(with_prefix(stored_flags(), "config.").empty());
  CHECK(nlohmann::json::parse(read_text(charm_dir / ".juju-persistent-config")) ==
        *tools.read_json("config.json"));
  CHECK((fs::status(charm_dir / ".juju-persistent-config").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));

  SECTION("only changed options are flagged in the next hook") {
    tools.write_json("config.json", {{"port", 81}, {"name", "x"}, {"debug", false}, {"zero", 0}, {"empty", nullptr},
                                     {"ratio", 1.0}, {"msg", "hello"}});
    REQUIRE(run("config-changed") == 0);
    CHECK(with_prefix(seen, "config.changed") == Strings{"config.changed", "config.changed.port"});
    CHECK_FALSE(contains(seen, "config.default.port"));
    REQUIRE(run("update-status") == 0);
    CHECK(with_prefix(seen, "config.changed").empty());
  }
  SECTION("previous_config reads the snapshot") {
    tools.write_json("config.json", {{"port", 90}});
    nlohmann::json previous, now;
    handler("prev").run([&] {
      previous = previous_config("port");
      now = config("port");
    });
    REQUIRE(run("config-changed") == 0);
    CHECK(previous == 80);
    CHECK(now == 90);
  }
}

TEST_CASE_METHOD(HookFixture, "runtime: an idle hook starts at most three tool processes and no juju-log",
                 "[runtime]") {
  REQUIRE(run("install") == 0);
  tools.clear_log();
  size_t before = hookcmd::processes_started();
  REQUIRE(run("update-status") == 0);
  CHECK(hookcmd::processes_started() - before <= 3);
  CHECK(tools.calls().size() <= 3);
  CHECK(calls_of("juju-log").empty());
}

TEST_CASE_METHOD(HookFixture, "runtime: leadership flags follow is-leader and leader-get", "[runtime]") {
  Strings seen;
  handler("watch").run([&] { seen = with_prefix(flags().list(), "leadership."); });
  tools.write("is-leader", "true");
  tools.write_json("leader.json", {{"k", "v"}, {"j", "w"}});
  REQUIRE(run("leader-elected") == 0);
  CHECK(seen == Strings{"leadership.changed", "leadership.changed.j", "leadership.changed.k", "leadership.is_leader",
                        "leadership.set.j", "leadership.set.k"});
  CHECK(stored("leadership.settings.k") == "v");

  REQUIRE(run("update-status") == 0);
  CHECK(seen == Strings{"leadership.is_leader", "leadership.set.j", "leadership.set.k"});

  tools.write("is-leader", "false");
  tools.write_json("leader.json", {{"j", "w"}});
  REQUIRE(run("leader-settings-changed") == 0);
  CHECK(seen == Strings{"leadership.changed", "leadership.changed.k", "leadership.set.j"});
  CHECK(stored("leadership.settings.k") == nlohmann::json(nullptr));  // kept as null, as layer-leadership
}

TEST_CASE_METHOD(HookFixture, "runtime: charm.upgraded lasts one upgrade-charm; series upgrade flag persists",
                 "[runtime]") {
  int upgraded = 0;
  handler("upgraded").when("charm.upgraded").run([&] { ++upgraded; });
  REQUIRE(run("upgrade-charm") == 0);
  CHECK(upgraded == 1);
  CHECK_FALSE(contains(stored_flags(), "charm.upgraded"));
  REQUIRE(run("config-changed") == 0);
  CHECK(upgraded == 1);

  REQUIRE(run("pre-series-upgrade") == 0);
  CHECK(contains(stored_flags(), "upgrade.series.in-progress"));
  REQUIRE(run("update-status") == 0);
  CHECK(contains(stored_flags(), "upgrade.series.in-progress"));
  REQUIRE(run("post-series-upgrade") == 0);
  CHECK_FALSE(contains(stored_flags(), "upgrade.series.in-progress"));
}

TEST_CASE_METHOD(HookFixture, "runtime: a shell handler's changes commit with the hook", "[runtime]") {
  handler("install").when_not("app.installed").run([] { set_flag("app.installed"); });
  script("reactive/configure.sh", R"(#!/bin/sh
# Configures the app once it is installed.
# @when app.installed
# @when_not app.configured
set -e
charm-reactive set_flag app.configured
charm-reactive kv_set shell.value '{"a": [1, "two"]}'
charm-reactive is_flag_set app.configured
if charm-reactive is_flag_set no.such.flag; then exit 7; fi
charm-reactive get_flags > flags.txt
charm-reactive kv_get shell.value > value.json
charm-reactive layer_option basic packages > packages.txt
charm-reactive layer_option app port > port.txt
if charm-reactive layer_option app enabled; then exit 8; fi
echo "$JUJU_HOOK_NAME" > hook-name.txt
)");
  std::string shell_saw;
  handler("after-shell").when("app.configured").run([&] { shell_saw = kv().get("shell.value").value_or(nullptr).dump(); });
  REQUIRE(run("install") == 0);
  CHECK(contains(stored_flags(), "app.configured"));
  CHECK(stored("shell.value") == nlohmann::json::parse(R"({"a": [1, "two"]})"));
  CHECK(shell_saw == R"({"a":[1,"two"]})");
  CHECK(read_text(charm_dir / "flags.txt").find("app.configured\napp.installed\n") != std::string::npos);
  CHECK(read_text(charm_dir / "value.json") == "{\"a\":[1,\"two\"]}\n");
  CHECK(read_text(charm_dir / "packages.txt") == "pkg-a\npkg-b\n");
  CHECK(read_text(charm_dir / "port.txt") == "8080\n");
  CHECK(read_text(charm_dir / "hook-name.txt") == "install\n");
  CHECK(logged_with(hookcmd::LogLevel::info, "Invoking reactive handler: reactive/configure.sh (shell)"));
}

TEST_CASE_METHOD(HookFixture, "runtime: a shell handler's changes roll back when a later handler fails",
                 "[runtime]") {
  handler("install").when_not("app.installed").run([] { set_flag("app.installed"); });
  script("reactive/configure", R"(#!/bin/bash
# @when app.installed
charm-reactive set_flag app.configured && charm-reactive kv_set shell.value 42
)");
  handler("fails").when("app.configured").run([] { throw std::runtime_error("later failure"); });
  CHECK(run("install") == 1);
  CHECK(stored_flags().empty());
  CHECK_FALSE(stored("shell.value"));
  CHECK(logged_with(hookcmd::LogLevel::error, "handler fails ("));
}

TEST_CASE_METHOD(HookFixture, "runtime: config values never reach a shell", "[runtime]") {
  std::string nasty = "$(touch PWNED1); `touch PWNED2`; a;b 'single' \"double\" \\ \nsecond line $HOME";
  tools.write_json("config.json", {{"msg", nasty}});
  handler("copy").when("config.changed.msg").run([] {
    std::string msg = config("msg").get<std::string>();
    kv().set("cfg.msg", msg);
    status::active(msg);
    log("config says " + msg);
  });
  script("reactive/show", R"(#!/bin/sh
# @when_not shown
charm-reactive kv_get cfg.msg > msg.json
charm-reactive set_flag shown
)");
  REQUIRE(run("config-changed") == 0);
  CHECK_FALSE(fs::exists(charm_dir / "PWNED1"));
  CHECK_FALSE(fs::exists(charm_dir / "PWNED2"));
  CHECK_FALSE(fs::exists("PWNED1"));
  CHECK(nlohmann::json::parse(read_text(charm_dir / "msg.json")) == nasty);
  auto status = calls_of("status-set");
  REQUIRE(status.size() == 1);
  CHECK(status[0].back() == nasty);
  CHECK(tools.read_json("status.json").value()["message"] == nasty);
}

TEST_CASE_METHOD(HookFixture, "runtime: shell handler failures fail the hook with the handler's name", "[runtime]") {
  SECTION("non-zero exit") {
    script("reactive/broken.sh", "#!/bin/sh\n# @hook install\ncharm-reactive set_flag partial\nexit 3\n");
    CHECK(run("install") == 1);
    CHECK(logged_with(hookcmd::LogLevel::error, "handler reactive/broken.sh (shell) failed"));
    CHECK(logged_with(hookcmd::LogLevel::error, "exited with status 3"));
    CHECK(stored_flags().empty());
  }
  SECTION("an unknown directive names the file and line") {
    script("reactive/typo", "#!/bin/sh\n# @when a\n# @whn b\ntrue\n");
    CHECK(run("install") == 1);
    CHECK(logged_with(hookcmd::LogLevel::error, "reactive/typo:3: unknown handler directive @whn"));
  }
  SECTION("bad client usage exits 2 and does not fail the hook by itself") {
    script("reactive/usage", R"(#!/bin/sh
# @hook install
charm-reactive kv_set key not-json 2> err.txt
echo $? > rc.txt
charm-reactive frobnicate 2>> err.txt || true
)");
    REQUIRE(run("install") == 0);
    CHECK(read_text(charm_dir / "rc.txt") == "2\n");
    CHECK_THAT(read_text(charm_dir / "err.txt"),
               Catch::Contains("the value is not JSON: not-json") && Catch::Contains("unknown command 'frobnicate'"));
  }
  SECTION("files without a header are skipped with a warning") {
    script("reactive/helper", "#!/bin/sh\necho helper\n");
    script("reactive/data.py", "#!/usr/bin/env python3\n# @hook install\n");
    REQUIRE(run("install") == 0);
    CHECK(logged_with(hookcmd::LogLevel::warning, "reactive/helper is executable but declares no conditions"));
  }
}

TEST_CASE_METHOD(HookFixture, "runtime: shell handlers run after C++ handlers, in path order", "[runtime]") {
  handler("cpp").hook("install").run([] { kv().set("order", nlohmann::json::array({"cpp"})); });
  auto body = [](const std::string& name) {
    return "#!/bin/sh\n# @hook {install, upgrade-charm}\nNAME=" + name + "\n" +
           R"SH(charm-reactive kv_set order "$(charm-reactive kv_get order | sed "s|]$|,\"$NAME\"]|")")SH" + "\n";
  };
  script("reactive/b.sh", body("b"));
  script("reactive/a/z", body("a/z"));
  REQUIRE(run("install") == 0);
  CHECK(stored("order") == nlohmann::json::array({"cpp", "a/z", "b"}));
}

TEST_CASE_METHOD(HookFixture, "runtime: exec.d pre-install scripts run once; a failure blocks the unit",
                 "[runtime]") {
  int handlers_run = 0;
  handler("any").run([&] { ++handlers_run; });
  script("exec.d/10-ok/charm-pre-install", "#!/bin/sh\necho run >> \"$JUJU_CHARM_DIR/ok-runs\"\n");
  REQUIRE(run("install") == 0);
  REQUIRE(run("config-changed") == 0);
  CHECK(read_text(charm_dir / "ok-runs") == "run\n");
  CHECK(fs::exists(charm_dir / "exec.d/.10-ok_charm-pre-install.done"));
  CHECK(handlers_run == 2);

  script("exec.d/20-bad/charm-pre-install", "#!/bin/sh\necho failing\nexit 3\n");
  CHECK(run("start") == 0);
  CHECK(handlers_run == 2);
  auto status = calls_of("status-set");
  REQUIRE(status.size() == 1);
  CHECK(status[0] == Strings{"status-set", "blocked", "Error (3) running exec.d/20-bad/charm-pre-install"});
  CHECK_FALSE(fs::exists(charm_dir / "exec.d/.20-bad_charm-pre-install.done"));
}

TEST_CASE_METHOD(HookFixture, "runtime: actions are dispatched under the action name", "[runtime]") {
  std::string seen;
  handler("backup").hook("backup").run([&] { seen = hook().hook_name; });
  tools.set_env("JUJU_ACTION_NAME", "backup");
  REQUIRE(run("backup", "actions") == 0);
  CHECK(seen == "backup");
}

TEST_CASE_METHOD(HookFixture, "runtime: data_changed hashes Python's json.dumps(sort_keys=True)", "[runtime]") {
  std::vector<bool> answers;
  handler("data").run([&] {
    answers.push_back(data_changed("thing", {{"b", 1}, {"a", {1, "é"}}}));
    answers.push_back(data_changed("thing", {{"a", {1, "é"}}, {"b", 1}}));
    answers.push_back(data_changed("thing", {{"b", 2}}));
  });
  REQUIRE(run("install") == 0);
  CHECK(answers == std::vector<bool>{true, false, true});
  handler_registry().clear();
  handler("data").run([&] { answers.push_back(data_changed("thing", {{"a", {1, "é"}}, {"b", 1}})); });
  REQUIRE(run("update-status") == 0);
  CHECK(answers.back());
  CHECK(stored("reactive.data_changed.thing") == detail::md5_hex(R"({"a": [1, "\u00e9"], "b": 1})"));
}

TEST_CASE_METHOD(HookFixture, "runtime: layer options come from the built layer.yaml", "[runtime]") {
  nlohmann::json packages, port, missing;
  handler("opts").run([&] {
    packages = layer_option("basic", "packages");
    port = layer_option("app", "port");
    missing = layer_option("nope", "x");
  });
  REQUIRE(run("install") == 0);
  CHECK(packages == nlohmann::json::array({"pkg-a", "pkg-b"}));
  CHECK(port == 8080);
  CHECK(missing.is_null());
}

TEST_CASE("runtime: charm-reactive outside a hook exits 2", "[runtime]") {
  ::unsetenv("CHARM_RUNTIME_SOCKET");
  std::string a0 = "/some/where/charm-reactive", a1 = "get_flags";
  char* argv[] = {a0.data(), a1.data(), nullptr};
  CHECK(run_hook(2, argv) == 2);
  std::string b0 = "hooks/install", b1 = "charm-reactive", b2 = "get_flags";
  char* argv2[] = {b0.data(), b1.data(), b2.data(), nullptr};
  CHECK(run_hook(3, argv2) == 2);
}
