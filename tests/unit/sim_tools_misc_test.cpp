// unit-get, network-get, action-*, storage-*, resource-get, juju-reboot, the shared flag
// parsing and help, restricted hooks and tools the simulator does not implement.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "sim_tools_fixture.hpp"

using namespace sim_tools_test;

TEST_CASE("unit-get prints the unit's address", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  CHECK(run(s, {"unit-get", "private-address"}).out == "10.0.0.10\n");
  CHECK(run(s, {"unit-get", "public-address", "--format", "json"}).out == "\"10.0.0.10\"\n");
  auto r = run(s, {"unit-get", "bogus"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR unknown setting \"bogus\"\n");
  r = run(s, {"unit-get"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no setting specified\n");
}

TEST_CASE("network-get answers with Juju's structure, or one value per selector flag", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  CHECK(run(s, {"network-get", "db", "--format", "json"}).out ==
        "{\"bind-addresses\":[{\"mac-address\":\"\",\"interface-name\":\"eth0\",\"addresses\":[{\"hostname\":\"\","
        "\"value\":\"10.0.0.10\",\"cidr\":\"10.0.0.10/32\"}]}],\"egress-subnets\":[\"10.0.0.10/32\"],"
        "\"ingress-addresses\":[\"10.0.0.10\"]}\n");
  CHECK(run(s, {"network-get", "db"}).out ==
        "bind-addresses:\n"
        "- macaddress: \"\"\n"
        "  interfacename: eth0\n"
        "  addresses:\n"
        "  - hostname: \"\"\n"
        "    address: 10.0.0.10\n"
        "    cidr: 10.0.0.10/32\n"
        "egress-subnets:\n"
        "- 10.0.0.10/32\n"
        "ingress-addresses:\n"
        "- 10.0.0.10\n");
  CHECK(run(s, {"network-get", "db", "--ingress-address"}).out == "10.0.0.10\n");
  CHECK(run(s, {"network-get", "--egress-subnets", "website"}).out == "10.0.0.10/32\n");
  CHECK(run(s, {"network-get", "db", "--bind-address", "--ingress-address", "--format=json"}).out ==
        "{\"bind-address\":\"10.0.0.10\",\"ingress-address\":\"10.0.0.10\"}\n");
  CHECK(run(s, {"network-get", "cluster", "--primary-address"}).out == "10.0.0.10\n");
  auto r = run(s, {"network-get", "db", "--primary-address", "--bind-address"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR --primary-address must be the only flag specified\n");
  r = run(s, {"network-get", "nope"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR no network config found for binding \"nope\"\n");
  r = run(s, {"network-get"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no arguments specified\n");
}

TEST_CASE("action-get walks dotted keys into the parameters", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, action_context());
  // actions.yaml's default for "keep" is merged in.
  CHECK(run(s, {"action-get", "--format", "json"}).out ==
        "{\"keep\":3,\"options\":{\"compress\":true,\"level\":9},\"target\":\"/srv/backup\"}\n");
  CHECK(run(s, {"action-get"}).out == "keep: 3\noptions:\n  compress: true\n  level: 9\ntarget: /srv/backup\n");
  CHECK(run(s, {"action-get", "target"}).out == "/srv/backup\n");
  CHECK(run(s, {"action-get", "options.level"}).out == "9\n");
  CHECK(run(s, {"action-get", "options.compress"}).out == "True\n");
  CHECK(run(s, {"action-get", "options.nope"}).out == "");
  CHECK(run(s, {"action-get", "options.nope", "--format=json"}).out == "null\n");
  CHECK(run(s, {"action-get", "target.deeper", "--format=json"}).out == "null\n");
  auto r = run(s, {"action-get", "a", "b"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR unrecognized args: [\"b\"]\n");

  sim::HookSession hook(m, plain_hook());
  r = run(hook, {"action-get"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR not running an action\n");
}

TEST_CASE("action-set builds nested results; every key is checked first", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, action_context());
  CHECK(run(s, {"action-set", "outfile.size=10G", "foo=bar=baz", "a.b.c=d"}).exit_code == 0);
  CHECK(m.actions[0].results == nlohmann::json{{"outfile", {{"size", "10G"}}}, {"foo", "bar=baz"}, {"a", {{"b", {{"c", "d"}}}}}});
  CHECK(run(s, {"action-set", "foo.x=1", "outfile=flat"}).exit_code == 0);
  CHECK(m.actions[0].results == nlohmann::json{{"outfile", "flat"}, {"foo", {{"x", "1"}}}, {"a", {{"b", {{"c", "d"}}}}}});

  const nlohmann::json before = m.actions[0].results;
  const std::vector<std::pair<std::string, std::string>> invalid{
      {"result", "ERROR argument \"result\" must be of the form key...=value\n"},
      {"result-Value=5",
       "ERROR key \"result-Value\" must start and end with lowercase alphanumeric, and contain only lowercase "
       "alphanumeric, hyphens and periods\n"},
      {"foo..bar=1",
       "ERROR key \"\" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, "
       "hyphens and periods\n"},
      {"stdout=foo", "ERROR cannot set reserved action key \"stdout\"\n"},
      {"a.stderr-encoding=x", "ERROR cannot set reserved action key \"stderr-encoding\"\n"},
  };
  for (const auto& [arg, err] : invalid) {
    auto r = run(s, {"action-set", "ok=1", arg});
    INFO(arg);
    CHECK(r.exit_code == 2);
    CHECK(r.err == err);
  }
  CHECK(m.actions[0].results == before);

  sim::HookSession hook(m, plain_hook());
  auto r = run(hook, {"action-set", "a=b"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR not running an action\n");
}

TEST_CASE("action-fail and action-log", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, action_context());
  CHECK(run(s, {"action-fail"}).exit_code == 0);
  CHECK(m.actions[0].status == "failed");
  CHECK(m.actions[0].message == "action failed without reason given, check action for errors");
  CHECK(run(s, {"action-fail", "disk full"}).exit_code == 0);
  CHECK(m.actions[0].message == "disk full");
  auto r = run(s, {"action-fail", "a", "b"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR unrecognized args: [\"b\"]\n");
  CHECK(run(s, {"action-log", "step", "one"}).exit_code == 0);
  CHECK(m.actions[0].log == std::vector<std::string>{"step one"});
  r = run(s, {"action-log"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no message specified\n");

  sim::HookSession hook(m, plain_hook());
  r = run(hook, {"action-log", "x"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR not running an action\n");
  CHECK(run(hook, {"action-fail"}).err == "ERROR not running an action\n");
}

TEST_CASE("storage-list and storage-get", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  CHECK(run(s, {"storage-list"}).out == "data/0\ncache/0\ncache/1\n");
  CHECK(run(s, {"storage-list", "cache", "--format=json"}).out == "[\"cache/0\",\"cache/1\"]\n");
  CHECK(run(s, {"storage-list", "nope", "--format=json"}).out == "[]\n");
  CHECK(run(s, {"storage-get", "-s", "data/0"}).out == "kind: filesystem\nlocation: /srv/wp-data\n");
  CHECK(run(s, {"storage-get", "-s", "cache/1", "location"}).out == "/srv/cache/1\n");
  CHECK(run(s, {"storage-get", "-s", "data/0", "kind", "--format", "json"}).out == "\"filesystem\"\n");
  auto r = run(s, {"storage-get"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no storage instance specified\n");
  r = run(s, {"storage-get", "-s", "Bad"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR invalid value \"Bad\" for option -s: invalid storage ID \"Bad\"\n");
  r = run(s, {"storage-get", "-s", "data/5"});
  CHECK(r.err == "ERROR invalid value \"data/5\" for option -s: storage \"data/5\" not found\n");
  r = run(s, {"storage-get", "-s", "data/0", "size"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR invalid storage attribute \"size\"\n");

  sim::HookContext attached = plain_hook("wordpress/0", "data-storage-attached");
  attached.storage_id = "data/0";
  sim::HookSession hook(m, attached);
  CHECK(run(hook, {"storage-get", "location"}).out == "/srv/wp-data\n");
}

TEST_CASE("resource-get prints the path without a newline", "[sim_tools_misc]") {
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / ("sim-tools-resource-" + std::to_string(::getpid()));
  std::ofstream(file) << "payload";
  sim::Model m = make_model();
  m.applications["wordpress"].resources["payload"] = file.string();
  sim::HookSession s(m, plain_hook());
  auto r = run(s, {"resource-get", "payload"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == file.string());
  r = run(s, {"resource-get", "missing"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR could not download resource: resource \"missing\" has no file (attach one to the application)\n");
  r = run(s, {"resource-get", "unknown"});
  CHECK(r.err == "ERROR could not download resource: resource \"unknown\" not found\n");
  r = run(s, {"resource-get"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR missing required resource name\n");
  fs::remove(file);
  r = run(s, {"resource-get", "payload"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("ERROR could not download resource: open " + file.string() + ": ", 0) == 0);
}

TEST_CASE("juju-reboot is recorded, and refused in actions", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  CHECK(run(s, {"juju-reboot"}).exit_code == 0);
  CHECK(s.reboot_after_hook);
  CHECK_FALSE(s.reboot_now);
  CHECK(run(s, {"juju-reboot", "--now"}).exit_code == 0);
  CHECK(s.reboot_now);
  sim::HookSession action(m, action_context());
  auto r = run(action, {"juju-reboot"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR juju-reboot is not supported when running an action.\n");
  CHECK_FALSE(action.reboot_after_hook);
}

TEST_CASE("flags: GNU style, after positionals, -- ends them", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  for (const auto& argv : std::vector<std::vector<std::string>>{
           {"relation-get", "user", "mysql/0", "-r", "2"},
           {"relation-get", "-r=2", "user", "mysql/0"},
           {"relation-get", "-r2", "user", "mysql/0"},
           {"relation-get", "--relation", "db:2", "user", "mysql/0"},
           {"relation-get", "user", "--relation=db:2", "mysql/0"},
           {"relation-get", "-r", "anything:2", "user", "mysql/0"}}) {
    auto r = run(s, argv);
    INFO(argv[1]);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "wp\n");
  }
  CHECK(run(s, {"relation-get", "--format", "json", "-r", "2", "user", "mysql/0"}).out == "\"wp\"\n");
  CHECK(run(s, {"relation-get", "-r", "2", "user", "mysql/0", "--format=json"}).out == "\"wp\"\n");
  // After --, "-x" is the key.
  CHECK(run(s, {"relation-get", "-r", "2", "--", "-x", "mysql/0"}).exit_code == 0);

  auto r = run(s, {"relation-get", "-x"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR option provided but not defined: -x\n");
  r = run(s, {"config-get", "--bogus"});
  CHECK(r.err == "ERROR option provided but not defined: --bogus\n");
  r = run(s, {"config-get", "--format", "xml"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR invalid value \"xml\" for option --format: unknown format \"xml\"\n");
  r = run(s, {"relation-list", "-r"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR option needs an argument: -r\n");
}

TEST_CASE("--help prints juju/cmd's usage on stdout", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookSession s(m, plain_hook());
  auto r = run(s, {"config-get", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
  CHECK(r.out ==
        "Usage: config-get [options] [<key>]\n\nSummary:\nprint application configuration\n\nOptions:\n"
        "-a, --all  (= false)\n    print all keys\n"
        "--format  (= smart)\n    Specify output format (json|smart|yaml)\n"
        "-o, --output (= \"\")\n    Specify an output file\n\n"
        "Details:\nWhen no <key> is supplied, all keys with values or defaults are printed. If\n"
        "--all is set, all known keys are printed; those without defaults or values are\n"
        "reported as null. <key> and --all are mutually exclusive.\n");
  CHECK(run(s, {"is-leader", "-h"}).out.rfind("Usage: is-leader [options]\n", 0) == 0);
}

TEST_CASE("restricted hooks, unsupported and unknown tools", "[sim_tools_misc]") {
  sim::Model m = make_model();
  sim::HookContext metrics = plain_hook("wordpress/0", "collect-metrics");
  metrics.restricted = true;
  std::vector<std::string> logged;
  sim::HookSession s(m, metrics);
  s.log = [&](const std::string&, const std::string& text) { logged.push_back(text); };
  for (const char* tool : {"config-get", "is-leader", "relation-ids", "status-set", "unit-get", "leader-get"}) {
    auto r = run(s, {tool});
    INFO(tool);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "ERROR not implemented for restricted context not implemented\n");
  }
  CHECK(run(s, {"juju-log", "counting"}).exit_code == 0);
  CHECK(logged == std::vector<std::string>{"counting"});
  CHECK(run(s, {"status-get", "--format", "json"}).out == "\"unknown\"\n");

  sim::HookSession hook(m, plain_hook());
  auto r = run(hook, {"secret-get", "x"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("ERROR charm-sim does not implement secret-get", 0) == 0);
  r = run(hook, {"frobnicate"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR unknown command \"frobnicate\"\n");
  // The tool is chosen by the basename of argv[0].
  CHECK(run(hook, {"/var/lib/juju/tools/unit-wordpress-0/is-leader"}).out == "True\n");

  const auto& names = sim::tool_names();
  for (const char* tool : {"relation-get", "relation-set", "config-get", "juju-log", "open-port", "network-get",
                           "action-set", "storage-get", "resource-get", "juju-reboot", "secret-get", "state-set"})
    CHECK(std::find(names.begin(), names.end(), tool) != names.end());
}
