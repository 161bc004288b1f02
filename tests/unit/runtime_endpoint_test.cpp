// Endpoints end to end with fake hook tools: the managed endpoint.* flags over a sequence of
// hooks, received data decoding, publishing (only on success, one relation-set per changed bag,
// the application bag only by the leader, values verbatim), and which tools a hook starts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "../runtime/fake-tools/fake_tools.hpp"
#include "charm/charm.hpp"
#include "runtime/log_sink.hpp"

using namespace charm;
namespace fs = std::filesystem;
using nlohmann::json;
using Strings = std::vector<std::string>;

namespace {

const char* k_metadata_yaml = R"(name: app
summary: test
requires:
  db: {interface: pgsql}
provides:
  web: {interface: http}
)";

struct EndpointFixture {
  testing::FakeTools tools;
  fs::path charm_dir = tools.root() / "charm";
  std::vector<HandlerSpec> saved_registry = handler_registry();
  std::vector<std::pair<hookcmd::LogLevel, std::string>> logged;

  EndpointFixture() {
    fs::create_directories(charm_dir);
    std::ofstream(charm_dir / "metadata.yaml") << k_metadata_yaml;
    tools.set_env("JUJU_CHARM_DIR", charm_dir.string());
    tools.set_env("CHARM_DIR", charm_dir.string());
    tools.set_env("UNIT_STATE_DB", (charm_dir / ".unit-state.db").string());
    tools.set_env("JUJU_UNIT_NAME", "app/0");
    tools.set_env("JUJU_ACTION_NAME", "");
    handler_registry().clear();
    detail::set_log_observer([this](hookcmd::LogLevel l, std::string_view m) { logged.emplace_back(l, m); });
  }
  ~EndpointFixture() {
    detail::set_log_observer({});
    handler_registry() = saved_registry;
  }

  // A hook; relation hooks name the relation and the remote unit and application.
  int run(const std::string& hook, const std::string& relation_id = "", const std::string& remote_unit = "",
          const std::string& remote_app = "") {
    tools.set_env("JUJU_DISPATCH_PATH", "hooks/" + hook);
    tools.set_env("JUJU_HOOK_NAME", hook);
    tools.set_env("JUJU_RELATION", relation_id.substr(0, relation_id.find(':')));
    tools.set_env("JUJU_RELATION_ID", relation_id);
    tools.set_env("JUJU_REMOTE_UNIT", remote_unit);
    tools.set_env("JUJU_REMOTE_APP", remote_app);
    tools.clear_log();
    std::string argv0 = (charm_dir / "dispatch").string();
    char* argv[] = {argv0.data(), nullptr};
    return run_hook(1, argv);
  }

  // Fake Juju state: a relation with no units yet, units joining and leaving.
  void relate(const std::string& relation_id, const std::string& remote_app) const {
    tools.write_json("relations/" + relation_id + "/units.json", json::array());
    tools.write_json("relations/" + relation_id + "/" + remote_app + ".json", json::object());
    tools.write_json("relations/" + relation_id + "/app/0.json", json::object());
  }
  void unit_data(const std::string& relation_id, const std::string& unit, const json& bag) const {
    tools.write_json("relations/" + relation_id + "/" + unit + ".json", bag);
  }
  void join(const std::string& relation_id, const std::string& unit, const json& bag) const {
    unit_data(relation_id, unit, bag);
    json units = *tools.read_json("relations/" + relation_id + "/units.json");
    units.push_back(unit);
    tools.write_json("relations/" + relation_id + "/units.json", units);
  }
  // Like Juju during and after relation-departed: no longer listed, data still readable.
  void leave(const std::string& relation_id, const std::string& unit) const {
    json units = *tools.read_json("relations/" + relation_id + "/units.json");
    units.erase(std::remove(units.begin(), units.end(), json(unit)), units.end());
    tools.write_json("relations/" + relation_id + "/units.json", units);
  }

  std::optional<json> stored(const std::string& key) const {
    KeyValueStore db(charm_dir / ".unit-state.db");
    return db.get(key);
  }
  std::map<std::string, json> stored_range(const std::string& prefix) const {
    KeyValueStore db(charm_dir / ".unit-state.db");
    return db.get_range(prefix, true);
  }
  Strings stored_flags(const std::string& prefix = "endpoint.") const {
    Strings out;
    for (const auto& [flag, value] : stored_range("reactive.states." + prefix)) out.push_back(prefix + flag);
    return out;
  }
  std::vector<Strings> calls_of(const std::string& tool) const {
    std::vector<Strings> out;
    for (auto& c : tools.calls())
      if (c[0] == tool) out.push_back(c);
    return out;
  }
  // The unit or app each relation-get asked for ("--app " prefixed for app bags).
  Strings relation_gets() const {
    Strings out;
    for (const auto& c : calls_of("relation-get"))
      out.push_back((std::find(c.begin(), c.end(), "--app") != c.end() ? "--app " : "") + c.back());
    return out;
  }
  Strings relation_tools_called() const {
    Strings out;
    for (const auto& c : tools.calls())
      if (c[0].rfind("relation-", 0) == 0) out.push_back(c[0]);
    return out;
  }
  // The payload of each relation-set, parsed.
  std::vector<json> published() const {
    std::vector<json> out;
    for (const auto& call : tools.stdin_calls()) out.push_back(json::parse(call["stdin"].get<std::string>()));
    return out;
  }
  bool logged_with(hookcmd::LogLevel level, const std::string& text) const {
    for (const auto& [l, m] : logged)
      if (l == level && m.find(text) != std::string::npos) return true;
    return false;
  }
};

Strings with_prefix(const Strings& v, const std::string& prefix) {
  Strings out;
  for (const auto& s : v)
    if (s.rfind(prefix, 0) == 0) out.push_back(s);
  return out;
}

}  // namespace

TEST_CASE("runtime endpoint: received data decodes as charms.reactive does", "[runtime][endpoint]") {
  ReceivedData data({{"port", "80"}, {"flag", "true"}, {"empty", ""}, {"word", "x"}, {"null", "null"},
                     {"quoted", "\"10.0.0.1\""}, {"obj", R"({"b": [1, 2], "a": "z"})"}, {"spaced", " 7 "},
                     {"broken", "{\"a\": "}});
  CHECK(data.get("port") == 80);
  CHECK(data["flag"] == true);
  CHECK(data.get("empty") == "");
  CHECK(data.get("word") == "x");
  CHECK(data.get("null").is_null());
  CHECK(data.get("quoted") == "10.0.0.1");
  CHECK(data.get("obj") == json{{"a", "z"}, {"b", {1, 2}}});
  CHECK(data.get("spaced") == 7);
  CHECK(data.get("broken") == "{\"a\": ");
  CHECK(data.get("missing").is_null());
  CHECK(data.raw("quoted") == "\"10.0.0.1\"");
  CHECK_FALSE(data.raw("missing"));
  CHECK(data.contains("empty"));
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: joined, changed and departed flags over a relation's life",
                 "[runtime][endpoint]") {
  Strings changed_seen;
  bool clear_changed = false;
  std::vector<DepartedUnit> departed_seen;
  size_t relations_seen = 99;
  bool forget_departed = false;
  handler("consume").when("endpoint.db.changed").run([&] {
    changed_seen = with_prefix(flags().list(), "endpoint.db.changed");
    if (clear_changed)
      for (const auto& f : changed_seen) clear_flag(f);
  });
  handler("departed").when("endpoint.db.departed").run([&] {
    departed_seen = endpoint("db").all_departed_units();
    relations_seen = endpoint("db").relations().size();
    if (forget_departed) endpoint("db").clear_departed_units();
  });
  auto run_hook_seeing = [&](auto&&... args) {
    changed_seen.clear();
    departed_seen.clear();
    return run(args...);
  };

  REQUIRE(run_hook_seeing("install") == 0);
  CHECK(stored_flags().empty());
  CHECK(calls_of("relation-ids").size() == 2);  // the first hook reads every endpoint once

  relate("db:1", "pg");
  tools.write_json("relations/db:1/pg.json", {{"db", "\"main\""}});  // the remote app's bag
  REQUIRE(run_hook_seeing("db-relation-created", "db:1", "", "pg") == 0);
  CHECK(stored_flags().empty());

  join("db:1", "pg/0", {{"host", "\"10.0.0.5\""}, {"port", "5432"}, {"private-address", "10.0.0.5"}});
  REQUIRE(run_hook_seeing("db-relation-joined", "db:1", "pg/0", "pg") == 0);
  CHECK(changed_seen == Strings{"endpoint.db.changed", "endpoint.db.changed.db", "endpoint.db.changed.host",
                                "endpoint.db.changed.port", "endpoint.db.changed.private-address"});
  CHECK(relation_gets() == Strings{"pg/0", "--app pg"});
  // changed flags are not cleared by the runtime: the interface layer clears them.
  CHECK(stored_flags() == Strings{"endpoint.db.changed", "endpoint.db.changed.db", "endpoint.db.changed.host",
                                  "endpoint.db.changed.port", "endpoint.db.changed.private-address",
                                  "endpoint.db.joined"});

  clear_changed = true;
  REQUIRE(run_hook_seeing("db-relation-changed", "db:1", "pg/0", "pg") == 0);
  CHECK(changed_seen.size() == 5);  // still set from the last hook; the data itself is unchanged
  CHECK(stored_flags() == Strings{"endpoint.db.joined"});

  unit_data("db:1", "pg/0", {{"host", "\"10.0.0.5\""}, {"port", "5433"}, {"private-address", "10.0.0.5"}});
  REQUIRE(run_hook_seeing("db-relation-changed", "db:1", "pg/0", "pg") == 0);
  CHECK(changed_seen == Strings{"endpoint.db.changed", "endpoint.db.changed.port"});
  CHECK(relation_gets() == Strings{"pg/0"});

  join("db:1", "pg/1", {{"host", "\"10.0.0.6\""}});
  REQUIRE(run_hook_seeing("db-relation-joined", "db:1", "pg/1", "pg") == 0);
  CHECK(changed_seen == Strings{"endpoint.db.changed", "endpoint.db.changed.host"});
  CHECK(relation_gets() == Strings{"pg/1", "--app pg"});  // pg/0 cannot have news in pg/1's hook

  REQUIRE(run_hook_seeing("update-status") == 0);
  CHECK(relation_tools_called().empty());
  CHECK(changed_seen.empty());
  CHECK(stored_flags() == Strings{"endpoint.db.joined"});

  SECTION("a key that disappears counts as a change") {
    unit_data("db:1", "pg/0", {{"port", "5433"}, {"private-address", "10.0.0.5"}});
    REQUIRE(run_hook_seeing("db-relation-changed", "db:1", "pg/0", "pg") == 0);
    CHECK(changed_seen == Strings{"endpoint.db.changed", "endpoint.db.changed.host"});
    REQUIRE(run_hook_seeing("db-relation-changed", "db:1", "pg/0", "pg") == 0);
    CHECK(changed_seen.empty());
  }

  SECTION("departures") {
    leave("db:1", "pg/1");
    REQUIRE(run_hook_seeing("db-relation-departed", "db:1", "pg/1", "pg") == 0);
    CHECK(stored_flags() == Strings{"endpoint.db.departed", "endpoint.db.joined"});
    REQUIRE(departed_seen.size() == 1);
    CHECK(departed_seen[0].name == "pg/1");
    CHECK(departed_seen[0].application_name() == "pg");
    CHECK(departed_seen[0].relation_id == "db:1");
    CHECK(departed_seen[0].received.get("host") == "10.0.0.6");
    CHECK(relations_seen == 1);
    CHECK(stored_range("reactive.data_changed.endpoint.db.db:1.pg/1.").empty());
    CHECK_FALSE(stored_range("reactive.data_changed.endpoint.db.db:1.pg/0.").empty());

    // Upstream clears departed in the next hook while a unit is still joined (DECISIONS.md).
    REQUIRE(run_hook_seeing("update-status") == 0);
    CHECK(stored_flags() == Strings{"endpoint.db.joined"});
    CHECK(relation_tools_called().empty());

    leave("db:1", "pg/0");
    REQUIRE(run_hook_seeing("db-relation-departed", "db:1", "pg/0", "pg") == 0);
    CHECK(stored_flags() == Strings{"endpoint.db.departed"});
    REQUIRE(departed_seen.size() == 2);
    CHECK(departed_seen[1].name == "pg/0");
    CHECK(departed_seen[1].received.get("port") == 5433);
    CHECK(relations_seen == 0);  // a relation without units is dropped, as upstream

    forget_departed = true;
    REQUIRE(run_hook_seeing("update-status") == 0);
    CHECK(departed_seen.size() == 2);
    CHECK_FALSE(stored("reactive.endpoints.departed.db"));
    CHECK(stored_flags() == Strings{"endpoint.db.departed"});  // only the charm clears it now

    CHECK_FALSE(stored_range("reactive.data_changed.endpoint.db.db:1.pg.").empty());
    REQUIRE(run_hook_seeing("db-relation-broken", "db:1", "", "pg") == 0);
    CHECK(stored_range("reactive.data_changed.endpoint.db.db:1.").empty());
  }
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: app data changes set changed flags", "[runtime][endpoint]") {
  Strings changed_seen;
  handler("consume").when("endpoint.db.changed").run([&] {
    changed_seen = with_prefix(flags().list(), "endpoint.db.changed");
    for (const auto& f : changed_seen) clear_flag(f);
  });
  relate("db:1", "pg");
  join("db:1", "pg/0", json::object());
  REQUIRE(run("db-relation-joined", "db:1", "pg/0", "pg") == 0);
  CHECK(changed_seen.empty());

  tools.write_json("relations/db:1/pg.json", {{"password", "\"s3cret\""}});
  REQUIRE(run("db-relation-changed", "db:1", "", "pg") == 0);  // Juju: no remote unit for app data
  CHECK(changed_seen == Strings{"endpoint.db.changed", "endpoint.db.changed.password"});
  CHECK(relation_gets() == Strings{"--app pg"});
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: handlers reach their endpoint's data", "[runtime][endpoint]") {
  relate("db:1", "pg");
  join("db:1", "pg/0", {{"host", "\"10.0.0.5\""}, {"port", "5432"}, {"opts", R"({"ssl": true})"}});
  join("db:1", "pg/1", {{"host", "\"10.0.0.6\""}, {"extra", "x"}});
  tools.write_json("relations/db:1/pg.json", {{"database", "\"main\""}});
  REQUIRE(run("db-relation-joined", "db:1", "pg/0", "pg") == 0);

  std::string name, ready_flag, app;
  json port, ssl, extra, host, database;
  Strings units;
  handler("pgsql:ready")
      .for_endpoints("requires", "pgsql")
      .when("endpoint.{endpoint_name}.joined")
      .run([&] {
        Endpoint& ep = current_endpoint();
        name = ep.name();
        for (const RelatedUnit* u : ep.all_joined_units()) units.push_back(u->relation_id() + " " + u->name());
        Relation& rel = ep.relations()[0];
        app = rel.application_name();
        port = rel.joined_units()[0].received()["port"];
        ssl = rel.unit("pg/0")->received().get("opts")["ssl"];
        host = ep.received().get("host");  // the first unit wins
        extra = rel.received().get("extra");
        database = rel.received_app().get("database");
        ready_flag = ep.expand_name("ready");
        ep.set_flag("ready");
      });
  // In a hook of another endpoint, the relations are read on first use only.
  REQUIRE(run("update-status") == 0);
  CHECK(name == "db");
  CHECK(units == Strings{"db:1 pg/0", "db:1 pg/1"});
  CHECK(app == "pg");
  CHECK(port == 5432);
  CHECK(ssl == true);
  CHECK(host == "10.0.0.5");
  CHECK(extra == "x");
  CHECK(database == "main");
  CHECK(ready_flag == "endpoint.db.ready");
  CHECK(stored_flags("endpoint.db.ready") == Strings{"endpoint.db.ready"});
  CHECK(relation_tools_called() ==
        Strings{"relation-ids", "relation-list", "relation-get", "relation-get", "relation-get"});
  CHECK(Endpoint("db", "requires", "pgsql").expand_name("{endpoint_name}.available") == "db.available");
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: lookups outside their scope fail clearly", "[runtime][endpoint]") {
  std::string unknown, outside;
  handler("probe").run([&] {
    try {
      endpoint("dbb");
    } catch (const std::out_of_range& e) {
      unknown = e.what();
    }
    try {
      current_endpoint();
    } catch (const std::logic_error& e) {
      outside = e.what();
    }
    CHECK(endpoints().size() == 2);
    CHECK(endpoints()[0]->name() == "db");
    CHECK(endpoints()[1]->role() == "provides");
  });
  REQUIRE(run("install") == 0);
  CHECK(unknown == "no endpoint \"dbb\" in metadata.yaml (it declares: db, web)");
  CHECK_THAT(outside, Catch::Contains("only available in for_endpoints handlers"));
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: data is published once per changed bag, only on success",
                 "[runtime][endpoint]") {
  relate("db:1", "pg");
  relate("db:2", "other");
  join("db:1", "pg/0", json::object());
  join("db:2", "other/0", json::object());
  bool fail = false;
  handler("publish").hook("db-relation-changed").run([] {
    Relation& rel = *endpoint("db").relation("db:1");
    rel.to_publish().set("host", "10.0.0.1");
    rel.to_publish().set("port", 80);
    rel.to_publish().update({{"cfg", {{"b", 1}, {"a", {1, "é"}}}}, {"none", nullptr}});
    rel.to_publish_raw().set("plain", "text");
    rel.to_publish().set("port", 81);  // the last write wins
  });
  handler("fails").hook("db-relation-changed").run([&] {
    if (fail) throw std::runtime_error("late failure");
  });

  fail = true;
  CHECK(run("db-relation-changed", "db:1", "pg/0", "pg") == 1);
  CHECK(calls_of("relation-set").empty());
  CHECK(stored_flags().empty());  // the kv transaction rolled back with it
  CHECK(stored_range("reactive.data_changed.").empty());

  fail = false;
  REQUIRE(run("db-relation-changed", "db:1", "pg/0", "pg") == 0);
  auto sets = calls_of("relation-set");
  REQUIRE(sets.size() == 1);
  CHECK(sets[0] == Strings{"relation-set", "-r", "db:1", "--file", "-"});
  json expected = {{"host", "\"10.0.0.1\""}, {"port", "81"}, {"cfg", "{\"a\": [1, \"\\u00e9\"], \"b\": 1}"},
                   {"none", "null"}, {"plain", "text"}};
  CHECK(published() == std::vector<json>{expected});
  CHECK(tools.read_json("relations/db:1/app/0.json") == expected);
  CHECK(stored_flags() == Strings{"endpoint.db.joined"});

  SECTION("writing what Juju already holds sends nothing once the bag was read") {
    handler_registry().clear();
    bool read_first = true;
    handler("republish").hook("db-relation-changed").run([&] {
      Relation& rel = *endpoint("db").relation("db:1");
      if (read_first) CHECK(rel.to_publish().get("cfg") == json{{"a", {1, "é"}}, {"b", 1}});
      rel.to_publish().set("cfg", {{"b", 1}, {"a", {1, "é"}}});
      rel.to_publish().set("port", 81);
      rel.to_publish_raw().set("plain", "text");
    });
    REQUIRE(run("db-relation-changed", "db:1", "pg/0", "pg") == 0);
    CHECK(calls_of("relation-set").empty());
    // Unread, the bag's writes are sent as they are (upstream sends the whole bag then).
    read_first = false;
    REQUIRE(run("db-relation-changed", "db:1", "pg/0", "pg") == 0);
    CHECK(published() ==
          std::vector<json>{json{{"cfg", "{\"a\": [1, \"\\u00e9\"], \"b\": 1}"}, {"port", "81"}, {"plain", "text"}}});
  }
  SECTION("erasing a key deletes it on the relation") {
    handler_registry().clear();
    handler("erase").hook("db-relation-changed").run([] {
      Relation& rel = *endpoint("db").relation("db:1");
      rel.to_publish().erase("none");
      CHECK(rel.to_publish_raw().all().count("none") == 0);
      CHECK(rel.to_publish().get("none").is_null());
    });
    REQUIRE(run("db-relation-changed", "db:1", "pg/0", "pg") == 0);
    CHECK(published() == std::vector<json>{json{{"none", nullptr}}});
    CHECK_FALSE(tools.read_json("relations/db:1/app/0.json")->contains("none"));
  }
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: only the leader publishes application data",
                 "[runtime][endpoint]") {
  relate("db:1", "pg");
  join("db:1", "pg/0", json::object());
  handler("publish-app").hook("db-relation-joined").run([] {
    endpoint("db").relations()[0].to_publish_app().set("cluster", {{"size", 3}});
  });

  SECTION("a non-leader's write fails the hook and sends nothing") {
    CHECK(run("db-relation-joined", "db:1", "pg/0", "pg") == 1);
    CHECK(logged_with(hookcmd::LogLevel::error, "only the leader can read or write its application's relation data"));
    CHECK(calls_of("relation-set").empty());
  }
  SECTION("the leader's write is one relation-set --app") {
    tools.write("is-leader", "true");
    REQUIRE(run("db-relation-joined", "db:1", "pg/0", "pg") == 0);
    auto sets = calls_of("relation-set");
    REQUIRE(sets.size() == 1);
    CHECK(sets[0] == Strings{"relation-set", "-r", "db:1", "--app", "--file", "-"});
    CHECK(tools.read_json("relations/db:1/app.json") == json{{"cluster", "{\"size\": 3}"}});
  }
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: published values reach Juju verbatim", "[runtime][endpoint]") {
  const std::string nasty =
      "$(touch PWNED1); `touch PWNED2`; a;b 'single' \"double\" \\ back\nsecond line\r\n\ttab $HOME \u2028 é";
  relate("db:1", "pg");
  join("db:1", "pg/0", json::object());
  handler("publish").hook("db-relation-joined").run([&] {
    Relation& rel = endpoint("db").relations()[0];
    rel.to_publish_raw().set("raw", nasty);
    rel.to_publish().set("json", nasty);
    rel.to_publish_raw().set("-dash", "--file");
  });
  REQUIRE(run("db-relation-joined", "db:1", "pg/0", "pg") == 0);
  json bag = *tools.read_json("relations/db:1/app/0.json");
  CHECK(bag["raw"] == nasty);
  CHECK(json::parse(bag["json"].get<std::string>()) == nasty);
  CHECK(bag["json"] == python_json_dumps(nasty));
  CHECK(bag["-dash"] == "--file");
  CHECK_FALSE(fs::exists(charm_dir / "PWNED1"));
  CHECK_FALSE(fs::exists(charm_dir / "PWNED2"));
  CHECK_FALSE(fs::exists("PWNED1"));
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: an idle hook starts no relation tools", "[runtime][endpoint]") {
  relate("db:1", "pg");
  join("db:1", "pg/0", {{"port", "5432"}});
  REQUIRE(run("db-relation-joined", "db:1", "pg/0", "pg") == 0);
  size_t before = hookcmd::processes_started();
  REQUIRE(run("update-status") == 0);
  CHECK(hookcmd::processes_started() - before <= 3);
  CHECK(relation_tools_called().empty());
  CHECK(stored_flags() == Strings{"endpoint.db.changed", "endpoint.db.changed.port", "endpoint.db.joined"});
}

TEST_CASE_METHOD(EndpointFixture, "runtime endpoint: relations are re-read after a failed relation hook and on upgrade",
                 "[runtime][endpoint]") {
  bool fail = true;
  handler("fails").hook("db-relation-joined").run([&] {
    if (fail) throw std::runtime_error("boom");
  });
  REQUIRE(run("install") == 0);
  relate("db:1", "pg");
  join("db:1", "pg/0", {{"port", "5432"}});
  CHECK(run("db-relation-joined", "db:1", "pg/0", "pg") == 1);
  CHECK(stored_flags().empty());

  SECTION("the failed hook was skipped: the next hook reads every endpoint") {
    REQUIRE(run("update-status") == 0);
    CHECK(stored_flags() == Strings{"endpoint.db.changed", "endpoint.db.changed.port", "endpoint.db.joined"});
    CHECK(calls_of("relation-ids").size() == 2);
    REQUIRE(run("update-status") == 0);
    CHECK(relation_tools_called().empty());
  }
  SECTION("upgrade-charm reads every endpoint (a unit may come from the Python runtime)") {
    fail = false;
    REQUIRE(run("db-relation-joined", "db:1", "pg/0", "pg") == 0);  // the retry succeeds
    join("db:1", "pg/1", {{"port", "5432"}});
    REQUIRE(run("update-status") == 0);
    CHECK(relation_tools_called().empty());
    REQUIRE(run("upgrade-charm") == 0);
    CHECK(calls_of("relation-ids").size() == 2);
    CHECK(relation_gets() == Strings{"pg/0", "pg/1", "--app pg"});
  }
}
