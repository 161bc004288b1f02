// `charm-sim test` scenarios: parsing (with lines), partial matching, and the failure texts
// of each expectation kind against a model in memory, real charm dirs and a real kv store.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "charm/flags.hpp"
#include "charm/kv.hpp"
#include "sim/scenario_expect.hpp"
#include "sim/scenario_parse.hpp"
#include "sim/scenario_steps.hpp"
#include "sim/unit_log.hpp"
#include "yaml/load.hpp"

namespace fs = std::filesystem;
using namespace sim::scenario;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "scenario-test-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    path = tmpl;
  }
  ~TempDir() { fs::remove_all(path); }
};

EnvLookup env_with(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

Scenario parse(const std::string& text) { return parse_scenario(text, "s.yaml", "/base", env_with({{"CHARMS", "/built"}})); }

std::string parse_error(const std::string& text) {
  try {
    parse(text);
  } catch (const SyntaxError& e) {
    return e.what();
  }
  FAIL("the scenario parsed");
  return "";
}

std::vector<std::string> texts(const std::vector<Failure>& failures) {
  std::vector<std::string> out;
  for (const auto& f : failures) out.push_back(std::to_string(f.line) + ": " + f.text);
  return out;
}

// hello (3 units, hello/0 leads) related to pg on hello:db / pg:db; hooks in the history.
sim::Model make_model() {
  sim::Model m;
  sim::Application hello, pg;
  hello.name = "hello";
  hello.units = {"hello/0", "hello/1", "hello/2"};
  pg.name = "pg";
  pg.units = {"pg/0"};
  m.applications["hello"] = hello;
  m.applications["pg"] = pg;
  auto add = [&](const std::string& name, const std::string& status, const std::string& message) {
    sim::Unit u;
    u.name = name;
    u.agent_status = "idle";
    u.workload = {status, message};
    m.units[name] = u;
  };
  add("hello/0", "blocked", "waiting for db");
  add("hello/1", "active", "Ready");
  add("hello/2", "active", "Ready");
  add("pg/0", "active", "");
  m.units["hello/0"].leader = true;
  m.units["hello/2"].agent_status = "error";
  m.units["hello/2"].error_hook = "config-changed";
  sim::Relation db;
  db.id = 1;
  db.ends = {{"hello", "db", "requires", "pgsql"}, {"pg", "db", "provides", "pgsql"}};
  db.members = {"hello/0", "hello/1", "pg/0"};
  db.unit_bags["pg/0"] = {{"host", "127.0.1.4"}, {"port", "5432"}};
  db.app_bags["pg"] = {{"database", "hello"}};
  m.relations.push_back(db);
  int seq = 0;
  for (const char* hook : {"install", "leader-elected", "config-changed", "start"}) m.history.push_back({++seq, "hello/0", hook, 0, 0.1});
  m.history.push_back({++seq, "hello/2", "config-changed", 1, 0.1});
  return m;
}

struct World {
  TempDir dir;
  sim::Model model = make_model();
  sim::UnitLog log{dir.path / "logs"};
  size_t history_from = 0;
  const sim::ActionRecord* action = nullptr;

  fs::path charm_dir(const std::string& unit) const { return dir.path / "units" / unit.substr(0, unit.find('/')) / unit.substr(unit.find('/') + 1); }

  std::vector<std::string> check(const std::string& expect_yaml, bool run_step = false) {
    const std::string text = "# a scenario\nsteps:\n  - " + std::string(run_step ? "run: {unit: hello/0, action: say}\n    " : "") +
                             "expect:\n" + expect_yaml;
    Scenario s = parse(text);
    Observed observed{model, [this](const std::string& u) { return charm_dir(u); },
                      [this](const std::string& u) { return log.read({u}); }, history_from, action};
    return texts(check_expectations(*s.steps.at(0).expect, observed));
  }
};

}  // namespace

TEST_CASE("a scenario parses into steps with absolute paths and expanded variables", "[sim_scenario]") {
  Scenario s = parse(R"(
model: {machine: local, hook-timeout: 30}
steps:
  - deploy: {charm: $CHARMS/hello, app: hi, units: 3, config: {greeting: yo, port: 80}, resources: {image: img.tar}}
  - relate: [hello:db, pg:db]
  - config: {app: hi, set: {greeting: hey}, reset: [port]}
  - run: {unit: hi/0, action: say, params: {text: hi}}
    expect: {action: {status: completed, results: {said: hi}}}
  - tick: 2
  - upgrade: {app: hi, charm: ../v2}
  - remove-unit: [hi/1, hi/2]
  - resolve: {unit: hi/0, retry: false}
    allow-error: true
  - expect-failure: {step: {relate: [hi, nothing]}, message: 'application "nothing" not found'}
  - expect: {status: {hi/0: active}}
)");
  REQUIRE(s.steps.size() == 10);
  CHECK(s.machine_kind == "local");
  CHECK(s.hook_timeout_seconds == 30);
  const auto& deploy = std::get<Deploy>(s.steps[0].command);
  CHECK(deploy.charm == "/built/hello");
  CHECK(deploy.app == "hi");
  CHECK(deploy.units == 3);
  CHECK(deploy.config == std::map<std::string, std::string>{{"greeting", "yo"}, {"port", "80"}});
  CHECK(deploy.resources.at("image") == "/base/img.tar");
  CHECK(std::get<Relate>(s.steps[1].command).b == "pg:db");
  CHECK(std::get<Config>(s.steps[2].command).reset == std::vector<std::string>{"port"});
  CHECK(s.steps[3].expect->action->status == "completed");
  CHECK(std::get<Tick>(s.steps[4].command).times == 2);
  CHECK(std::get<Upgrade>(s.steps[5].command).charm == "/v2");
  CHECK(std::get<RemoveUnit>(s.steps[6].command).units.size() == 2);
  CHECK_FALSE(std::get<Resolve>(s.steps[7].command).retry);
  CHECK(s.steps[7].allow_error);
  CHECK(s.steps[8].must_fail);
  CHECK(s.steps[8].verb == "expect-failure");
  CHECK(s.steps[8].failure_line == 14);
  CHECK(s.steps[9].verb == "expect");
  CHECK(s.steps[9].line == 15);
  CHECK(s.steps[9].expect->status.at(0).line == 15);
  CHECK(describe(s.steps[0].command) == "deploy hi -n 3 greeting=yo port=80");
  CHECK(describe(s.steps[1].command) == "relate hello:db pg:db");
}

TEST_CASE("malformed steps are all reported at their lines", "[sim_scenario]") {
  const std::string error = parse_error(
      "steps:\n"
      "  - deplyo: x\n"
      "  - relate: [a]\n"
      "  - add-unit: {app: a, units: three}\n"
      "  - tick: 1\n"
      "    expect: {action: completed}\n");
  CHECK(error ==
        "s.yaml:2:5: unknown step \"deplyo\" (did you mean \"deploy\"?)\n      - deplyo: x\n        ^\n"
        "s.yaml:3:13: relate takes two applications: [APP[:ENDPOINT], APP[:ENDPOINT]]\n      - relate: [a]\n                ^\n"
        "s.yaml:4:31: units must be a whole number >= 1, got \"three\"\n      - add-unit: {app: a, units: three}\n"
        "                                  ^\n"
        "s.yaml:6:14: \"action\" expectations belong to a `run` step (they check that step's action)\n"
        "        expect: {action: completed}\n                 ^");
}

TEST_CASE("scenario structure errors name what is wrong", "[sim_scenario]") {
  CHECK_THAT(parse_error("steps: []\n"), Catch::Contains("s.yaml:1:8: \"steps\" must be a list of steps"));
  CHECK_THAT(parse_error("step:\n  - tick: 1\n"), Catch::Contains("unknown key \"step\" in the scenario (did you mean \"steps\"?)"));
  CHECK_THAT(parse_error("steps:\n  - tick: 1\n    relate: [a, b]\n"),
             Catch::Contains("s.yaml:3:5: one command per step: this step has \"tick\" and \"relate\""));
  CHECK_THAT(parse_error("steps:\n  - deploy: ${NOPE}/x\n"),
             Catch::Contains("s.yaml:2:13: environment variable NOPE is not set (used in \"${NOPE}/x\")"));
  CHECK_THAT(parse_error("steps:\n  - expect: {flags: {hello: [a]}}\n"),
             Catch::Contains("flags is keyed by unit (like \"hello/0\"), got \"hello\""));
  CHECK_THAT(parse_error("steps:\n  - expect: {files: {hello/0: {/etc/x: y}}}\n"),
             Catch::Contains("file paths are relative to the unit's charm dir, got \"/etc/x\""));
  CHECK_THAT(parse_error("steps:\n  - expect: {log: {hello/0: {matches: \"(\"}}}\n"), Catch::Contains("bad regular expression \"(\""));
  CHECK_THAT(parse_error("steps:\n  - expect: {status: {hello/0: {workload: active, mesage: x}}}\n"),
             Catch::Contains("unknown key \"mesage\" in the status of hello/0 (did you mean \"message\"?)"));
  CHECK_THAT(parse_error("steps: [\n"), Catch::Contains("s.yaml:"));
}

TEST_CASE("variables expand, $$ is a dollar, unset ones are errors", "[sim_scenario]") {
  auto env = env_with({{"A", "1"}, {"EMPTY", ""}});
  CHECK(expand_variables("x${A}y${EMPTY}z", env) == "x1yz");
  CHECK(expand_variables("$$A $A/x ${A}B $ $1", env) == "$A 1/x 1B $ $1");
  CHECK_THROWS_WITH(expand_variables("$A_B", env), "environment variable A_B is not set (used in \"$A_B\")");
  CHECK_THROWS_WITH(expand_variables("${B}", env), "environment variable B is not set (used in \"${B}\")");
  CHECK_THROWS_WITH(expand_variables("${A", env), "\"${\" without a closing \"}\" in \"${A\"");
  // Block style takes ${NAME}; every text value expands, keys do not.
  Scenario s = parse("steps:\n  - deploy:\n      charm: ${CHARMS}/x\n    expect:\n      log: {hello/0: $CHARMS}\n");
  CHECK(std::get<Deploy>(s.steps.at(0).command).charm == "/built/x");
  CHECK(s.steps.at(0).expect->logs.at(0).text.tests.at(0).second == "/built");
}

TEST_CASE("partial matching: extra keys ignored, null means unset, lists match whole", "[sim_scenario]") {
  yaml::Value expected = yaml::load("host: 127.0.1.3\nport: 5432\ngone: null\nnested: {a: [1, {b: x}]}\n");
  nlohmann::json actual = {{"host", "127.0.1.4"}, {"port", "5432"}, {"gone", "here"}, {"extra", 1},
                           {"nested", {{"a", {1, {{"b", "y"}, {"c", 2}}}}}}};
  CHECK(texts(match_partial(expected, actual, "pg/0")) ==
        std::vector<std::string>{"1: pg/0 host: expected \"127.0.1.3\", got \"127.0.1.4\"",
                                 "3: pg/0 gone: expected unset, got \"here\"",
                                 "4: pg/0 nested.a[1].b: expected \"x\", got \"y\""});
  CHECK(match_partial(yaml::load("port: 5432\nlist: [1, 2]\n"), {{"port", 5432}, {"list", {1, 2}}}, "").empty());
  CHECK(texts(match_partial(yaml::load("list: [1, 2]\n"), {{"list", {1}}}, "r")) ==
        std::vector<std::string>{"1: r list: expected [1,2], got [1]"});
  CHECK(texts(match_partial(yaml::load("said: hi\n"), nlohmann::json::object(), "results")) ==
        std::vector<std::string>{"1: results said: expected \"hi\", got nothing (no keys at all)"});
}

TEST_CASE("text tests: equals, contains, matches, excludes", "[sim_scenario]") {
  using M = TextMatch::Mode;
  CHECK(match_text({{{M::equals, "yo\n"}}}, "yo\n").empty());
  CHECK(match_text({{{M::equals, "yo\n"}}}, "hi\n") == "expected \"yo\\n\", got \"hi\\n\"");
  CHECK(match_text({{{M::contains, "said hi"}, {M::excludes, "ERROR"}}}, "x said hi\ny") == "");
  CHECK(match_text({{{M::excludes, "ERROR"}}}, "a\nb ERROR c\nd") == "expected not to contain \"ERROR\", found in \"b ERROR c\"");
  CHECK(match_text({{{M::matches, "^port [0-9]+$"}}}, "port 80") == "");
  CHECK(match_text({{{M::matches, "^port [0-9]+$"}}}, "port x") == "expected to match /^port [0-9]+$/, got \"port x\"");
  std::string long_text, other;
  for (int i = 0; i < 20; ++i) long_text += "line " + std::to_string(i) + "\n";
  other = long_text;
  other.replace(other.find("line 7"), 6, "LINE 7");
  CHECK(match_text({{{M::equals, long_text}}}, other) == "differs at line 8: expected \"line 7\\n\", got \"LINE 7\\n\"");
}

TEST_CASE("status expectations say what differs", "[sim_scenario]") {
  World w;
  CHECK(w.check("      status: {hello/0: {workload: active, message: Ready, agent: idle}, hello/1: active}\n") ==
        std::vector<std::string>{"4: hello/0 status: expected active \"Ready\", got blocked \"waiting for db\""});
  CHECK(w.check("      status:\n        hello/0: {message: {contains: db}, leader: false}\n        hello/9: active\n"
                "        hello/1: absent\n        hello/3: absent\n") ==
        std::vector<std::string>{"5: hello/0 leader: expected false, got true",
                                 "6: hello/9 status: no unit hello/9 in the model (units: hello/0, hello/1, hello/2, pg/0)",
                                 "7: hello/1 status: expected absent, but it exists"});
  CHECK(w.check("      status: {hello/2: {workload: active, agent: idle}}\n") ==
        std::vector<std::string>{"4: hello/2 status: expected active, got error \"hook failed: \\\"config-changed\\\"\"",
                                 "4: hello/2 agent status: expected idle, got error (hook \"config-changed\" failed)"});
  CHECK(w.check("      status: {hello: {workload: blocked, message: waiting for db}, pg: maintenance}\n") ==
        std::vector<std::string>{"4: hello status: expected blocked \"waiting for db\", got error \"hook failed: \\\"config-changed\\\"\"",
                                 "4: pg status: expected maintenance, got active \"\""});
}

TEST_CASE("relation data is what a unit sees from another unit or application", "[sim_scenario]") {
  World w;
  CHECK(w.check("      relation-data:\n        hello/0:\n          db:\n            pg/0: {host: 127.0.1.4, port: 5432}\n"
                "            pg: {database: hello}\n")
            .empty());
  CHECK(w.check("      relation-data:\n        hello/0:\n          db:\n            pg/0: {host: 127.0.1.3, user: null}\n"
                "            pg: {database: null}\n") ==
        std::vector<std::string>{"7: hello/0 relation-data db pg/0 host: expected \"127.0.1.3\", got \"127.0.1.4\"",
                                 "8: hello/0 relation-data db pg database: expected unset, got \"hello\""});
  CHECK(w.check("      relation-data: {hello/2: {db: {pg/0: {host: x}}}, hello/0: {web: {pg/0: {host: x}}}}\n") ==
        std::vector<std::string>{"4: hello/2 relation-data db pg/0: hello/2 is not in the scope of relation 1 (in scope: hello/0, hello/1, pg/0)",
                                 "4: hello/0 relation-data web pg/0: hello:web has no relation with pg (it has no relation on \"web\" at all)"});
}

TEST_CASE("hooks count from the previous expect; errors name the failed hook", "[sim_scenario]") {
  World w;
  CHECK(w.check("      hooks: {hello/0: [install, leader-elected, config-changed, start]}\n").empty());
  CHECK(w.check("      hooks: {hello/0: [install, start], hello/2: {contains: [install, config-changed]}}\n") ==
        std::vector<std::string>{"4: hello/0 hooks: expected [install, start], got [install, leader-elected, config-changed, start]",
                                 "4: hello/2 hooks: expected [install, config-changed] in this order, missing install (item 1); ran: config-changed (exit 1)"});
  w.history_from = 2;
  CHECK(w.check("      hooks: {hello/0: {contains: [config-changed, start], excludes: [install]}, hello/1: []}\n").empty());
  CHECK(w.check("      hooks: {hello/0: {excludes: [start]}, hello/1: [start]}\n") ==
        std::vector<std::string>{"4: hello/0 hooks: expected no start, but it ran; ran: config-changed, start",
                                 "4: hello/1 hooks: expected [start], got []"});
  CHECK(w.check("      error: {hello/2: config-changed}\n").empty());
  CHECK(w.check("      error: [hello/1, hello/2]\n") ==
        std::vector<std::string>{"4: hello/1: expected in error, but its agent is idle (workload active \"Ready\")"});
  CHECK(w.check("      error: {hello/2: install}\n") ==
        std::vector<std::string>{"4: hello/2: expected in error in hook \"install\", got in error in \"config-changed\""});
}

TEST_CASE("flags and kv are read from the unit's kv store", "[sim_scenario]") {
  World w;
  fs::create_directories(w.charm_dir("hello/0"));
  {
    charm::KeyValueStore kv(w.charm_dir("hello/0") / ".unit-state.db");
    charm::Flags flags(kv);
    flags.set("hello.ready");
    flags.set("hello.configured");
    kv.set("greeting", "yo");
    kv.set("count", 3);
    kv.commit();
  }
  CHECK(w.check("      flags: {hello/0: {set: [hello.ready], unset: [hello.broken]}}\n      kv: {hello/0: {greeting: yo, count: 3, x: null}}\n")
            .empty());
  CHECK(w.check("      flags:\n        hello/0:\n          set: [hello.broken]\n          unset: [hello.ready]\n"
                "      kv: {hello/0: {greeting: hi}}\n") ==
        std::vector<std::string>{"6: hello/0 flags: expected hello.broken to be set; set flags: hello.configured, hello.ready",
                                 "7: hello/0 flags: expected hello.ready to be unset, but it is set",
                                 "8: hello/0 kv greeting: expected \"hi\", got \"yo\""});
  CHECK(w.check("      flags: {hello/1: [a]}\n") ==
        std::vector<std::string>{"4: hello/1 flags: expected a to be set; the unit has no kv store (.unit-state.db) yet"});
}

TEST_CASE("files are read in the unit's charm dir; logs are searched", "[sim_scenario]") {
  World w;
  fs::create_directories(w.charm_dir("hello/0"));
  std::ofstream(w.charm_dir("hello/0") / "greeting.txt") << "yo\n";
  w.log.write("hello/0", "INFO", "juju-log", "said hi");
  CHECK(w.check("      files: {hello/0: {greeting.txt: \"yo\\n\", gone.txt: {exists: false}, greeting.txt2: {exists: false}}}\n"
                "      log: {hello/0: said hi}\n")
            .empty());
  const auto failures = w.check("      files:\n        hello/0:\n          greeting.txt: {contains: hey}\n          missing: {exists: true}\n"
                                "      log: {hello/0: {excludes: said}}\n");
  REQUIRE(failures.size() == 3);
  CHECK(failures[0] == "6: hello/0 file greeting.txt: expected to contain \"hey\", got \"yo\\n\"");
  CHECK_THAT(failures[1], Catch::StartsWith("7: hello/0 file missing: expected to exist, but there is no /"));
  CHECK_THAT(failures[2], Catch::StartsWith("8: hello/0 log: expected not to contain \"said\", found in \"unit-hello-0: "));
}

TEST_CASE("action expectations check the run step's action", "[sim_scenario]") {
  World w;
  sim::ActionRecord a;
  a.id = "1";
  a.unit = "hello/0";
  a.name = "say";
  a.status = "failed";
  a.message = "exit status 1";
  a.results = {{"said", "hello"}, {"return-code", 1}};
  w.action = &a;
  CHECK(w.check("      action: {status: completed, results: {said: hi}}\n", true) ==
        std::vector<std::string>{"5: action say (hello/0) status: expected completed, got failed \"exit status 1\"",
                                 "5: action say (hello/0) results said: expected \"hi\", got \"hello\""});
  CHECK(w.check("      action: {status: failed, message: {contains: exit}, results: {return-code: 1}}\n", true).empty());
}
