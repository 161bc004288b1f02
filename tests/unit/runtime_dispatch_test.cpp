// The dispatch loop (runtime.md §3): phases, iterations, re-test after a clear, the watch rule,
// when_file_changed, only_once, hook patterns and endpoint handlers.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "charm/kv.hpp"
#include "charm/reactive.hpp"
#include "runtime/dispatcher.hpp"
#include "runtime/hook_patterns.hpp"
#include "runtime/log_sink.hpp"
#include "runtime/md5.hpp"
#include "runtime/shell_handlers.hpp"

using namespace charm;
using namespace charm::detail;
namespace fs = std::filesystem;

namespace {

struct DispatchFixture {
  fs::path charm_dir;
  KeyValueStore kv{":memory:"};
  Flags flags{kv};
  CharmMetadata metadata;
  std::vector<HandlerSpec> specs;
  std::vector<std::string> ran;  // "<id>@<iteration or phase>"
  std::vector<std::string> warnings;

  DispatchFixture() {
    std::string tmpl = (fs::temp_directory_path() / "dispatch-test-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    charm_dir = tmpl;
    set_log_observer([this](hookcmd::LogLevel level, std::string_view msg) {
      if (level >= hookcmd::LogLevel::warning) warnings.emplace_back(msg);
    });
  }
  ~DispatchFixture() {
    set_log_observer({});
    std::error_code ec;
    fs::remove_all(charm_dir, ec);
  }

  std::string where() const {
    std::string phase = kv.get("reactive.dispatch.phase").value_or("").get<std::string>();
    if (phase != "other") return phase;
    return std::to_string(kv.get("reactive.state_watch").value()["iteration"].get<int>());
  }

  // Registers a handler that records its run, then does `then`.
  void add(HandlerSpec spec, std::function<void()> then = {}) {
    spec.source = "test";
    std::string id = spec.id;
    spec.action = [this, id, then] {
      const std::string& ep = current_endpoint_name();
      ran.push_back(id + (ep.empty() ? "" : ":" + ep) + "@" + where());
      if (then) then();
    };
    specs.push_back(std::move(spec));
  }

  void dispatch(const std::string& hook = "update-status", Restricted restricted = Restricted::no) {
    ran.clear();
    Dispatcher d(prepare_handlers(specs, metadata), kv, flags, hook, charm_dir);
    d.dispatch(restricted);
  }

  void write(const std::string& rel, const std::string& text) const { std::ofstream(charm_dir / rel) << text; }
};

using Ran = std::vector<std::string>;

}  // namespace

TEST_CASE_METHOD(DispatchFixture, "dispatch: flags set by a handler run their handlers in the next iteration",
                 "[dispatch]") {
  // The example of charms.reactive tests/test_bus.py:test_dispatch.
  flags.set("foo");
  add({.id = "foo-sets-bar", .when_all = {"foo"}}, [this] { flags.set("bar"); });
  add({.id = "foo-only", .when_all = {"foo"}});
  add({.id = "bar-sets-baz", .when_all = {"bar"}}, [this] { flags.set("baz"); });
  add({.id = "baz", .when_all = {"baz"}});
  add({.id = "foo-and-baz", .when_all = {"foo", "baz"}});
  add({.id = "not-qux", .when_none = {"qux"}});
  dispatch();
  CHECK(ran == Ran{"foo-sets-bar@0", "foo-only@0", "not-qux@0", "bar-sets-baz@1", "baz@2", "foo-and-baz@2"});
  CHECK(kv.get("reactive.dispatch.phase") == "other");
  CHECK_FALSE(kv.get("reactive.state_watch"));

  SECTION("the next hook runs every matching handler again, once") {
    dispatch();
    CHECK(ran == Ran{"foo-sets-bar@0", "foo-only@0", "bar-sets-baz@0", "baz@0", "foo-and-baz@0", "not-qux@0"});
  }
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: clearing a flag re-tests the rest of the queue", "[dispatch]") {
  flags.set("x");
  add({.id = "clears-x", .when_all = {"x"}}, [this] { flags.clear("x"); });
  add({.id = "needs-x", .when_all = {"x"}});
  add({.id = "any", .when_any = {{"x", "y"}}});
  dispatch();
  // needs-x never runs after x is gone; clearing x is a change, so when_none-style watchers of
  // x would be tested again in iteration 1 (none here).
  CHECK(ran == Ran{"clears-x@0"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: clearing an unset flag re-tests but keeps handlers that still match",
                 "[dispatch]") {
  flags.set("x");
  add({.id = "clears-nothing", .when_all = {"x"}}, [this] { flags.clear("never-set"); });
  add({.id = "needs-x", .when_all = {"x"}});
  dispatch();
  CHECK(ran == Ran{"clears-nothing@0", "needs-x@0"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: a handler runs at most once per iteration", "[dispatch]") {
  flags.set("x");
  // Each run changes a flag the other watches and forces a re-test: neither may run twice in
  // one iteration, but both run again in the next because their watched flags changed.
  add({.id = "a", .when_all = {"x"}, .when_none = {"stop"}}, [this] {
    flags.clear("unrelated");
    flags.set("from-a");
  });
  add({.id = "b", .when_all = {"x"}, .when_not_all = {{"from-a", "from-b"}}}, [this] { flags.set("from-b"); });
  add({.id = "stopper", .when_all = {"from-a", "from-b"}}, [this] { flags.set("stop"); });
  dispatch();
  CHECK(ran == Ran{"a@0", "b@0", "stopper@1"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: after iteration 0 a handler needs a change of a watched flag",
                 "[dispatch]") {
  flags.set("a");
  add({.id = "sets-z", .when_all = {"a"}}, [this] { flags.set("z"); });
  add({.id = "watches-a", .when_all = {"a"}});
  add({.id = "watches-z", .when_any = {{"z", "never"}}});
  add({.id = "z-unset", .when_none = {"z"}});
  dispatch();
  // watches-a holds in iteration 1 too, but a did not change; z-unset watches z, which changed,
  // but its condition is false.
  CHECK(ran == Ran{"sets-z@0", "watches-a@0", "z-unset@0", "watches-z@1"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: hook handlers run before flag handlers", "[dispatch]") {
  flags.set("ready");
  add({.id = "flag", .when_all = {"ready"}});
  add({.id = "install", .hook_patterns = {"install"}}, [this] { flags.set("installed"); });
  add({.id = "installed", .when_all = {"installed"}});
  add({.id = "other-hook", .hook_patterns = {"start"}});
  add({.id = "hook-and-flag", .when_all = {"ready"}, .hook_patterns = {"install"}});
  dispatch("install");
  CHECK(ran == Ran{"install@hooks", "flag@0", "installed@0"});
  CHECK_THAT(warnings.at(0), Catch::Contains("hook-and-flag") && Catch::Contains("can never run"));
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: hook patterns expand alternatives and endpoint groups", "[dispatch]") {
  metadata = CharmMetadata({{"db", "requires", "pgsql"}, {"cache", "requires", "redis"}, {"web", "provides", "http"}});
  add({.id = "trimmed", .hook_patterns = {"{install, upgrade-charm}"}});
  add({.id = "db", .hook_patterns = {"{requires:pgsql}-relation-{joined,changed}"}});
  add({.id = "none", .hook_patterns = {"{provides:pgsql}-relation-joined"}});
  dispatch("upgrade-charm");
  CHECK(ran == Ran{"trimmed@hooks"});
  dispatch("db-relation-changed");
  CHECK(ran == Ran{"db@hooks"});

  CHECK(expand_hook_patterns({"{a,b}-{c,d}"}, metadata) == std::vector<std::string>{"a-c", "a-d", "b-c", "b-d"});
  CHECK(expand_hook_patterns({"{ requires : pgsql }-relation-broken", "{provides:none}-x"}, metadata) ==
        std::vector<std::string>{"db-relation-broken"});
  // Groups that charms.reactive's patterns do not match stay as written.
  CHECK(expand_hook_patterns({"{a,,b}", "{,a}", "{a:b", "{}", "x{a, b,}"}, metadata) ==
        std::vector<std::string>{"{a,,b}", "{,a}", "{a:b", "{}", "xa", "xb", "x"});
  // A '{' inside a group is part of its first alternative, as with the upstream regex.
  CHECK(expand_hook_patterns({"{{a,b}}"}, metadata) == std::vector<std::string>{"a", "b}"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: the iteration cap stops a loop with a warning", "[dispatch]") {
  int runs = 0;
  add({.id = "flapper", .when_none = {"b"}}, [&] {
    ++runs;
    flags.set("b");
    flags.clear("b");
  });
  dispatch();
  CHECK(runs == Dispatcher::max_iterations);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Contains("stopped after 100 iterations") && Catch::Contains("b"));
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: when_file_changed compares md5 hashes kept in the kv store",
                 "[dispatch]") {
  add({.id = "file", .files_changed = {"data.txt"}});
  add({.id = "same-file", .files_changed = {"data.txt", "other.txt"}});
  add({.id = "file-and-flag", .when_all = {"go"}, .files_changed = {"data.txt"}});

  dispatch();  // missing and never seen: null == null
  CHECK(ran.empty());

  write("data.txt", "v1");
  dispatch();
  // Runs in the hooks phase (no phase check, upstream Quirk a); both handlers of the file see
  // the change, the one waiting for a flag does not consume it.
  CHECK(ran == Ran{"file@hooks", "same-file@hooks"});
  CHECK(kv.get("reactive.files_changed.data.txt") == md5_hex("v1"));
  CHECK_FALSE(kv.get("reactive.files_changed.other.txt"));  // missing before and now: nothing stored

  dispatch();
  CHECK(ran.empty());

  write("data.txt", "v2");
  flags.set("go");
  dispatch();
  CHECK(ran == Ran{"file@hooks", "same-file@hooks"});  // the hooks phase consumed the change

  fs::remove(charm_dir / "data.txt");
  dispatch();
  CHECK(ran == Ran{"file@hooks", "same-file@hooks"});
  CHECK(kv.get("reactive.files_changed.data.txt") == nlohmann::json(nullptr));
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: a file change survives a re-test in the same iteration", "[dispatch]") {
  flags.set("go");
  write("conf", "x");
  add({.id = "clearer", .when_all = {"go"}}, [this] { flags.clear("unrelated"); });
  add({.id = "conf", .when_all = {"go"}, .files_changed = {"conf"}});
  dispatch();
  CHECK(ran == Ran{"clearer@0", "conf@0"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: only_once handlers run in one hook only", "[dispatch]") {
  add({.id = "once", .only_once = true});
  add({.id = "once-with-flag", .when_all = {"f"}, .only_once = true});
  dispatch();
  CHECK(ran == Ran{"once@hooks"});
  CHECK(kv.get("reactive.invoked.once") == true);
  flags.set("f");
  dispatch();
  CHECK(ran == Ran{"once-with-flag@0"});
  dispatch();
  CHECK(ran.empty());
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: endpoint handlers run once per matching endpoint", "[dispatch]") {
  metadata = CharmMetadata({{"db", "requires", "pgsql"}, {"db2", "requires", "pgsql"}, {"web", "provides", "pgsql"}});
  std::vector<std::string> endpoints;
  HandlerSpec spec{.id = "joined", .when_all = {"endpoint.{endpoint_name}.joined"}};
  spec.endpoint_role = "requires";
  spec.endpoint_interface = "pgsql";
  add(spec, [&] { endpoints.push_back(current_endpoint_name()); });
  HandlerSpec absent{.id = "absent", .when_none = {"x"}};
  absent.endpoint_role = "peers";
  absent.endpoint_interface = "pgsql";
  add(absent);

  auto prepared = prepare_handlers(specs, metadata);
  REQUIRE(prepared.size() == 2);
  CHECK(prepared[0].id == "joined:db");
  CHECK(prepared[1].id == "joined:db2");
  CHECK(prepared[1].watched == std::vector<std::string>{"endpoint.db2.joined"});

  flags.set("endpoint.db2.joined");
  dispatch();
  CHECK(ran == Ran{"joined:db2@0"});
  CHECK(endpoints == std::vector<std::string>{"db2"});
  CHECK(current_endpoint_name().empty());
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: restricted hooks run only their hook handlers", "[dispatch]") {
  write("data.txt", "v1");
  add({.id = "metrics", .hook_patterns = {"collect-metrics"}});
  add({.id = "flag", .when_none = {"x"}});
  add({.id = "file", .files_changed = {"data.txt"}});
  add({.id = "once", .only_once = true});
  dispatch("collect-metrics", Restricted::yes);
  CHECK(ran == Ran{"metrics@restricted"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: a handler without conditions runs once per hook", "[dispatch]") {
  add({.id = "always"}, [this] { flags.set("something"); });
  dispatch();
  CHECK(ran == Ran{"always@0"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: triggers fired by a handler count as changes", "[dispatch]") {
  flags.register_trigger_when("a", Trigger{{"b"}, {}, {}});
  add({.id = "sets-a", .when_none = {"a"}}, [this] { flags.set("a"); });
  add({.id = "b", .when_all = {"b"}});
  dispatch();
  CHECK(ran == Ran{"sets-a@0", "b@1"});
}

TEST_CASE_METHOD(DispatchFixture, "dispatch: a failing handler is named in the error", "[dispatch]") {
  add({.id = "boom", .when_none = {"x"}}, [] { throw std::runtime_error("disk full"); });
  add({.id = "after", .when_none = {"x"}});
  try {
    dispatch();
    FAIL("no exception");
  } catch (const HandlerFailure& e) {
    CHECK(e.handler_id() == "boom");
    CHECK(std::string(e.what()) == "disk full");
  }
  CHECK(ran == Ran{"boom@0"});
}

TEST_CASE("dispatch: handler() registers in order with the caller's source", "[dispatch]") {
  auto saved = handler_registry();
  Handler first = handler("first").when("a").when_not("b").hook("install").run([] {});
  Handler second = handler("second").when_any({"a", "b"}).when_not_all({"c", "d"}).only_once().run([] {});
  auto& registry = handler_registry();
  REQUIRE(registry.size() == saved.size() + 2);
  CHECK(first.index == saved.size());
  CHECK(second.index == saved.size() + 1);
  const HandlerSpec& s = registry[first.index];
  CHECK(s.id == "first");
  CHECK(s.when_all == std::vector<std::string>{"a"});
  CHECK(s.when_none == std::vector<std::string>{"b"});
  CHECK(s.hook_patterns == std::vector<std::string>{"install"});
  CHECK_THAT(s.source, Catch::Contains("runtime_dispatch_test.cpp:"));
  CHECK(registry[second.index].when_any == std::vector<std::vector<std::string>>{{"a", "b"}});
  CHECK(registry[second.index].only_once);
  registry = saved;
}

TEST_CASE("dispatch: md5 matches the RFC 1321 test vectors", "[dispatch]") {
  CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
        "57edf4a22be3c955ac49da2e2107b67a");
  CHECK(md5_hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");
}

TEST_CASE("dispatch: shell handler headers declare conditions", "[dispatch]") {
  auto spec = parse_shell_handler(R"(#!/bin/bash
# Renders the config.

# @when docker.ready 'app.installed'
# @when_not app.configured
# @when_any a b
#   @when_not_all c d
# @hook {install, upgrade-charm} config-changed
# @when_file_changed templates/app.conf
# @only_once
# email: someone@example.com is not a directive
set -e
# @when not.a.header.line
)", "reactive/app.sh");
  REQUIRE(spec);
  CHECK(spec->id == "reactive/app.sh");
  CHECK(spec->source == "shell");
  CHECK(spec->when_all == std::vector<std::string>{"docker.ready", "app.installed"});
  CHECK(spec->when_none == std::vector<std::string>{"app.configured"});
  CHECK(spec->when_any == std::vector<std::vector<std::string>>{{"a", "b"}});
  CHECK(spec->when_not_all == std::vector<std::vector<std::string>>{{"c", "d"}});
  CHECK(spec->hook_patterns == std::vector<std::string>{"{install, upgrade-charm}", "config-changed"});
  CHECK(spec->files_changed == std::vector<std::string>{"templates/app.conf"});
  CHECK(spec->only_once);

  CHECK_FALSE(parse_shell_handler("#!/bin/sh\necho no header\n", "reactive/x"));
  CHECK_THROWS_WITH(parse_shell_handler("#!/bin/sh\n# @when\n", "reactive/x"),
                    "reactive/x:2: @when needs at least one argument");
  CHECK_THROWS_WITH(parse_shell_handler("#!/bin/sh\n# @only_once now\n", "reactive/x"),
                    "reactive/x:2: @only_once takes no arguments");
}
