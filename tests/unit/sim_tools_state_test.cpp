// config-get, status-*, application-version-set, juju-log, leadership tools and ports.
#include <catch2/catch.hpp>

#include "sim_tools_fixture.hpp"

using namespace sim_tools_test;

TEST_CASE("config-get prints values with defaults, typed as Juju's API gives them", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  auto r = run(s, {"config-get"});
  CHECK(r.exit_code == 0);
  // Numbers travel as float64 through Juju's JSON API: yaml.v2 prints 2000000 as 2e+06.
  CHECK(r.out == "big: 2e+06\ndebug: false\nport: 80\nratio: 0.5\ntitle: Hello\n");
  CHECK(run(s, {"config-get", "--format", "json"}).out ==
        "{\"big\":2000000,\"debug\":false,\"port\":80,\"ratio\":0.5,\"title\":\"Hello\"}\n");
  CHECK(run(s, {"config-get", "--all", "--format=json"}).out ==
        "{\"big\":2000000,\"debug\":false,\"port\":80,\"ratio\":0.5,\"secret\":null,\"title\":\"Hello\"}\n");
  CHECK(run(s, {"config-get", "-a"}).out == "big: 2e+06\ndebug: false\nport: 80\nratio: 0.5\nsecret: null\ntitle: Hello\n");
  CHECK(run(s, {"config-get", "title"}).out == "Hello\n");
  CHECK(run(s, {"config-get", "port"}).out == "80\n");
  CHECK(run(s, {"config-get", "debug"}).out == "False\n");
  CHECK(run(s, {"config-get", "debug", "--format", "yaml"}).out == "false\n");
  CHECK(run(s, {"config-get", "debug", "--format", "json"}).out == "false\n");
  CHECK(run(s, {"config-get", "missing"}).out == "");
  CHECK(run(s, {"config-get", "missing", "--format", "json"}).out == "null\n");
  CHECK(run(s, {"config-get", "secret"}).out == "");

  auto e = run(s, {"config-get", "--all", "title"});
  CHECK(e.exit_code == 2);
  CHECK(e.err == "ERROR cannot use argument --all together with key \"title\"\n");
  e = run(s, {"config-get", "multiple", "keys"});
  CHECK(e.exit_code == 2);
  CHECK(e.err == "ERROR unrecognized args: [\"keys\"]\n");

  // Read once per hook.
  m.applications["wordpress"].config["title"] = "Changed";
  CHECK(run(s, {"config-get", "title"}).out == "Hello\n");
  sim::HookSession next(m, plain_hook());
  CHECK(run(next, {"config-get", "title"}).out == "Changed\n");
}

TEST_CASE("config-get -o names the file the client writes", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  auto r = run(s, {"config-get", "--output", "some-file", "debug"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "False\n");
  CHECK(r.output_file == "some-file");
  CHECK(run(s, {"config-get", "-o", "f2"}).output_file == "f2");
  CHECK(run(s, {"config-get"}).output_file == "");
}

TEST_CASE("status-set writes at once; status-get reads it back", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  CHECK(run(s, {"status-get"}).out == "unknown\n");
  auto r = run(s, {"status-set", "active", "all good"});
  CHECK(r.exit_code == 0);
  CHECK(m.units["wordpress/0"].workload.status == "active");
  CHECK(m.units["wordpress/0"].workload.message == "all good");
  CHECK(run(s, {"status-get"}).out == "active\n");
  CHECK(run(s, {"status-get", "--format", "json"}).out == "{\"status\":\"active\"}\n");
  CHECK(run(s, {"status-get", "--include-data", "--format", "json"}).out ==
        "{\"message\":\"all good\",\"status\":\"active\",\"status-data\":{}}\n");
  CHECK(run(s, {"status-get", "--include-data"}).out == "message: all good\nstatus: active\nstatus-data: {}\n");
  CHECK(run(s, {"status-set", "maintenance"}).exit_code == 0);
  CHECK(m.units["wordpress/0"].workload.message == "");

  CHECK(run(s, {"status-set", "--application", "blocked", "needs db"}).exit_code == 0);
  CHECK(m.applications["wordpress"].status.status == "blocked");
  CHECK(run(s, {"status-get", "--application"}).out == "blocked\n");
  CHECK(run(s, {"status-get", "--application", "--format=json"}).out ==
        "{\"application-status\":{\"status\":\"blocked\",\"units\":{\"wordpress/0\":{\"status\":\"maintenance\"},"
        "\"wordpress/1\":{\"status\":\"unknown\"}}}}\n");
}

TEST_CASE("status-set and status-get errors", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  auto r = run(s, {"status-set"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR invalid args, require <status> [message]\n");
  r = run(s, {"status-set", "bogus"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR invalid status \"bogus\", expected one of [maintenance blocked waiting active]\n");
  r = run(s, {"status-set", "active", "a", "b"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR unrecognized args: [\"b\"]\n");

  sim::HookSession minion(m, plain_hook("wordpress/1"));
  r = run(minion, {"status-set", "--application", "active"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR this unit is not the leader\n");
  r = run(minion, {"status-get", "--application"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR finding application status: this unit is not the leader\n");
  CHECK(m.applications["wordpress"].status.status == "unknown");
}

TEST_CASE("application-version-set", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  CHECK(run(s, {"application-version-set", "5.7.1"}).exit_code == 0);
  CHECK(m.applications["wordpress"].version == "5.7.1");
  auto r = run(s, {"application-version-set"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no version specified\n");
}

TEST_CASE("juju-log logs at the given level with the relation prefix", "[sim_tools_state]") {
  sim::Model m = make_model();
  std::vector<std::pair<std::string, std::string>> lines;
  sim::HookSession s(m, db_changed());
  s.log = [&](const std::string& level, const std::string& text) { lines.emplace_back(level, text); };
  CHECK(run(s, {"juju-log", "hello", "world"}).exit_code == 0);
  CHECK(run(s, {"juju-log", "-l", "WARN", "careful"}).exit_code == 0);
  CHECK(run(s, {"juju-log", "--log-level=debug", "detail"}).exit_code == 0);
  CHECK(run(s, {"juju-log", "--debug", "dbg"}).exit_code == 0);
  CHECK(run(s, {"juju-log", "-l", "bogus", "odd"}).exit_code == 0);
  CHECK(run(s, {"juju-log", "--", "-x"}).exit_code == 0);
  std::vector<std::pair<std::string, std::string>> expected{
      {"INFO", "db:2: hello world"},
      {"WARNING", "db:2: careful"},
      {"DEBUG", "db:2: detail"},
      {"DEBUG", "db:2: dbg"},
      {"WARNING", "Specified log level of \"bogus\" is not valid"},
      {"INFO", "db:2: odd"},
      {"INFO", "db:2: -x"}};
  CHECK(lines == expected);
  auto r = run(s, {"juju-log"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no message specified\n");

  lines.clear();
  sim::HookSession plain(m, plain_hook());
  plain.log = [&](const std::string& level, const std::string& text) { lines.emplace_back(level, text); };
  CHECK(run(plain, {"juju-log", "-l", "ERROR", "bad"}).exit_code == 0);
  CHECK(lines == std::vector<std::pair<std::string, std::string>>{{"ERROR", "bad"}});
}

TEST_CASE("is-leader, and a unit that learned it is not the leader stays so", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession leader(m, plain_hook());
  CHECK(run(leader, {"is-leader"}).out == "True\n");
  CHECK(run(leader, {"is-leader", "--format=json"}).out == "true\n");
  sim::HookSession minion(m, plain_hook("wordpress/1"));
  CHECK(run(minion, {"is-leader"}).out == "False\n");
  CHECK(run(minion, {"is-leader", "--format", "json"}).out == "false\n");
  m.units["wordpress/1"].leader = true;
  CHECK(run(minion, {"is-leader"}).out == "False\n");
  sim::HookSession next(m, plain_hook("wordpress/1"));
  CHECK(run(next, {"is-leader"}).out == "True\n");
  auto r = run(leader, {"is-leader", "x"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR unrecognized args: [\"x\"]\n");
}

TEST_CASE("leader-get and leader-set", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession leader(m, plain_hook());
  CHECK(run(leader, {"leader-get"}).out == "shared: s1\n");
  CHECK(run(leader, {"leader-get", "shared"}).out == "s1\n");
  CHECK(run(leader, {"leader-get", "-", "--format", "json"}).out == "{\"shared\":\"s1\"}\n");
  CHECK(run(leader, {"leader-get", "nope", "--format", "json"}).out == "null\n");
  auto r = run(leader, {"leader-get", "a=b"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR invalid key \"a=b\"\n");

  // Cached until leader-set.
  m.applications["wordpress"].leader_settings["shared"] = "behind";
  CHECK(run(leader, {"leader-get", "shared"}).out == "s1\n");
  CHECK(run(leader, {"leader-set", "k=v", "shared="}).exit_code == 0);
  CHECK(m.applications["wordpress"].leader_settings == sim::Bag{{"k", "v"}});  // at once, before any commit
  CHECK(leader.leader_settings_changed);
  CHECK(run(leader, {"leader-get", "--format=json"}).out == "{\"k\":\"v\"}\n");

  sim::HookSession same(m, plain_hook());
  CHECK(run(same, {"leader-set", "k=v"}).exit_code == 0);
  CHECK_FALSE(same.leader_settings_changed);

  sim::HookSession minion(m, plain_hook("wordpress/1"));
  CHECK(run(minion, {"leader-get", "k"}).out == "v\n");  // any unit reads
  r = run(minion, {"leader-set", "k=w"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR cannot write leadership settings: cannot write settings: not the leader\n");
  CHECK(m.applications["wordpress"].leader_settings == sim::Bag{{"k", "v"}});
  CHECK_FALSE(minion.leader_settings_changed);
  r = run(minion, {"leader-set", "oops"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR expected \"key=value\", got \"oops\"\n");
}

TEST_CASE("open-port and close-port are buffered; opened-ports merges them", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  CHECK(run(s, {"opened-ports"}).out == "8080/tcp\n");
  CHECK(run(s, {"open-port", "80"}).exit_code == 0);
  CHECK(run(s, {"open-port", "8000-8079/UDP"}).exit_code == 0);
  CHECK(run(s, {"open-port", "icmp"}).exit_code == 0);
  CHECK(run(s, {"close-port", "8080/tcp"}).exit_code == 0);
  CHECK(run(s, {"open-port", "80/tcp"}).exit_code == 0);  // already requested: a no-op
  CHECK(m.units["wordpress/0"].ports == std::vector<std::string>{"8080/tcp"});
  CHECK(run(s, {"opened-ports"}).out == "icmp\n80/tcp\n8000-8079/udp\n");
  CHECK(run(s, {"opened-ports", "--format", "json"}).out == "[\"icmp\",\"80/tcp\",\"8000-8079/udp\"]\n");
  CHECK(run(s, {"opened-ports", "--endpoints"}).out == "icmp (*)\n80/tcp (*)\n8000-8079/udp (*)\n");
  s.commit();
  CHECK(m.units["wordpress/0"].ports == std::vector<std::string>{"icmp", "80/tcp", "8000-8079/udp"});
  CHECK(s.port_changes.empty());

  sim::HookSession none(m, plain_hook("wordpress/1"));
  CHECK(run(none, {"opened-ports"}).out == "");
  CHECK(run(none, {"opened-ports", "--format=json"}).out == "[]\n");
}

TEST_CASE("open-port validation messages", "[sim_tools_state]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"open-port"}, "ERROR no port or range specified\n"},
      {{"open-port", "x"}, "ERROR invalid port \"x\": strconv.Atoi: parsing \"x\": invalid syntax\n"},
      {{"open-port", "90-80"}, "ERROR invalid port range 90-80/tcp\n"},
      {{"close-port", "70000"}, "ERROR port range bounds must be between 0 and 65535, got 70000-70000\n"},
      {{"open-port", "80/sctp"}, "ERROR invalid protocol \"sctp\", expected \"tcp\", \"udp\", or \"icmp\"\n"},
      {{"open-port", "1-2-3"}, "ERROR invalid port range \"1-2-3\"\n"},
      {{"open-port", "80/icmp"}, "ERROR protocol \"icmp\" doesn't support any ports; got \"80\"\n"},
      {{"open-port", "a-90"}, "ERROR invalid port \"a\": strconv.Atoi: parsing \"a\": invalid syntax\n"},
      {{"open-port", "80", "81"}, "ERROR unrecognized args: [\"81\"]\n"},
  };
  for (const auto& [argv, err] : cases) {
    auto r = run(s, argv);
    INFO(argv[0] << " " << (argv.size() > 1 ? argv[1] : ""));
    CHECK(r.exit_code == 2);
    CHECK(r.out == "");
    CHECK(r.err == err);
  }
  auto r = run(s, {"open-port", "8000-8100"});
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "ERROR cannot open 8000-8100/tcp (unit \"wordpress/0\"): port range conflicts with 8080/tcp (unit \"wordpress/0\")\n");
  CHECK(run(s, {"open-port", "9000-9010"}).exit_code == 0);
  r = run(s, {"open-port", "9005/tcp"});
  CHECK(r.err ==
        "ERROR cannot open 9005/tcp (unit \"wordpress/0\"): port range conflicts with 9000-9010/tcp (unit "
        "\"wordpress/0\") requested earlier\n");
  r = run(s, {"open-port", "--format", "json", "22"});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "--format flag deprecated for command \"open-port\"");
  CHECK(s.port_changes == std::vector<std::pair<bool, std::string>>{{true, "9000-9010/tcp"}, {true, "22/tcp"}});
}
