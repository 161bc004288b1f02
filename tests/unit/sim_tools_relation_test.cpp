// relation-ids, relation-list, relation-get, relation-set and HookSession::commit().
#include <catch2/catch.hpp>

#include "sim_tools_fixture.hpp"

using namespace sim_tools_test;

TEST_CASE("relation-ids lists the endpoint's relations sorted as strings", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  auto r = run(s, {"relation-ids"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "db:10\ndb:2\n");
  CHECK(r.err == "");
  CHECK(run(s, {"relation-ids", "--format=json"}).out == "[\"db:10\",\"db:2\"]\n");
  CHECK(run(s, {"relation-ids", "--format", "yaml"}).out == "- db:10\n- db:2\n");
  CHECK(run(s, {"relation-ids", "cluster"}).out == "cluster:3\n");
  CHECK(run(s, {"relation-ids", "website"}).out == "");
  CHECK(run(s, {"relation-ids", "website", "--format", "json"}).out == "[]\n");
  m.relations[1].dying = true;  // db:10 is being removed
  CHECK(run(s, {"relation-ids"}).out == "db:2\n");

  sim::HookSession outside(m, plain_hook());
  r = run(outside, {"relation-ids"});
  CHECK(r.exit_code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "ERROR no relation name specified\n");
  r = run(outside, {"relation-ids", "db", "extra"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR unrecognized args: [\"extra\"]\n");
}

TEST_CASE("relation-list gives remote units sorted as strings, or the remote app", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  CHECK(run(s, {"relation-list"}).out == "mysql/0\nmysql/1\nmysql/10\nmysql/2\n");
  CHECK(run(s, {"relation-list", "--format", "json"}).out == "[\"mysql/0\",\"mysql/1\",\"mysql/10\",\"mysql/2\"]\n");
  CHECK(run(s, {"relation-list", "--app"}).out == "mysql\n");
  CHECK(run(s, {"relation-list", "-r", "cluster:3"}).out == "wordpress/1\n");
  CHECK(run(s, {"relation-list", "-r", "10", "--format=json"}).out == "[]\n");
  CHECK(run(s, {"relation-list", "-r", "cluster:3", "--app"}).out == "wordpress\n");

  sim::HookSession outside(m, plain_hook());
  auto r = run(outside, {"relation-list"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no relation id specified\n");
  r = run(outside, {"relation-list", "-r", "x"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR invalid value \"x\" for option -r: invalid relation id\n");
  r = run(outside, {"relation-list", "-r", "db:99"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR invalid value \"db:99\" for option -r: relation not found\n");
  r = run(outside, {"relation-list", "--relation=42"});
  CHECK(r.err == "ERROR invalid value \"42\" for option --relation: relation not found\n");
  CHECK(run(outside, {"relation-list", "-r", "db:2"}).exit_code == 0);
}

TEST_CASE("relation-get reads the remote unit's bag by default", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  auto r = run(s, {"relation-get"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "host: 10.0.0.20\nuser: wp\n");
  CHECK(run(s, {"relation-get", "--format=json"}).out == "{\"host\":\"10.0.0.20\",\"user\":\"wp\"}\n");
  CHECK(run(s, {"relation-get", "-", "--format", "yaml"}).out == "host: 10.0.0.20\nuser: wp\n");
  CHECK(run(s, {"relation-get", "host"}).out == "10.0.0.20\n");
  CHECK(run(s, {"relation-get", "host", "--format", "json"}).out == "\"10.0.0.20\"\n");
  CHECK(run(s, {"relation-get", "nope"}).out == "");
  CHECK(run(s, {"relation-get", "nope", "--format", "json"}).out == "null\n");
  CHECK(run(s, {"relation-get", "nope", "--format", "yaml"}).out == "");
  CHECK(run(s, {"relation-get", "--format", "json", "-", "mysql/1"}).out == "{\"host\":\"10.0.0.21\"}\n");
  // A member that never wrote has an empty bag.
  CHECK(run(s, {"relation-get", "--format", "json", "-", "mysql/2"}).out == "{}\n");
  CHECK(run(s, {"relation-get", "-", "mysql/2"}).out == "{}\n");
}

TEST_CASE("relation-get --app reads the remote application's bag", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  CHECK(run(s, {"relation-get", "--app"}).out == "database: wpdb\n");
  CHECK(run(s, {"relation-get", "--app", "database", "mysql/1"}).out == "wpdb\n");
  CHECK(run(s, {"relation-get", "--app", "-", "mysql", "--format=json"}).out == "{\"database\":\"wpdb\"}\n");

  // No remote unit (relation-created, -broken, app -changed): the remote app's bag.
  sim::HookContext created = db_changed();
  created.hook_name = "db-relation-created";
  created.remote_unit.clear();
  sim::HookSession c(m, created);
  CHECK(run(c, {"relation-get", "database"}).out == "wpdb\n");
}

TEST_CASE("relation-get errors", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  auto r = run(s, {"relation-get", "-", "mysql/7"});
  CHECK(r.exit_code == 1);
  CHECK(r.out == "");
  CHECK(r.err ==
        "ERROR cannot read settings for unit \"mysql/7\" in relation \"mysql:server wordpress:db\": "
        "unit \"mysql/7\": settings not found\n");
  r = run(s, {"relation-get", "-", "mariadb/0"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR permission denied\n");
  r = run(s, {"relation-get", "-", "Bad!"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR \"Bad!\" is not a valid unit or application\n");
  r = run(s, {"relation-get", "a", "mysql/0", "extra"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR unrecognized args: [\"extra\"]\n");

  // Outside a relation hook, -r is needed, and so is a unit.
  sim::HookSession outside(m, plain_hook());
  r = run(outside, {"relation-get"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no relation id specified\n");
  r = run(outside, {"relation-get", "-r", "db:2"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no unit or application specified\n");
  r = run(outside, {"relation-get", "-r", "db:2", "--app"});
  CHECK(r.err == "ERROR no unit or application specified\n");
  r = run(outside, {"relation-get", "-r", "db:2", "user", "mysql/0"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "wp\n");
}

TEST_CASE("relation-get caches remote bags for the rest of the hook", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  CHECK(run(s, {"relation-get", "host"}).out == "10.0.0.20\n");
  CHECK(run(s, {"relation-get", "--app", "database"}).out == "wpdb\n");
  m.relations[0].unit_bags["mysql/0"]["host"] = "10.9.9.9";
  m.relations[0].app_bags["mysql"]["database"] = "other";
  CHECK(run(s, {"relation-get", "host"}).out == "10.0.0.20\n");
  CHECK(run(s, {"relation-get", "--app", "database"}).out == "wpdb\n");
  sim::HookSession next(m, db_changed());
  CHECK(run(next, {"relation-get", "host"}).out == "10.9.9.9\n");
  CHECK(run(next, {"relation-get", "--app", "database"}).out == "other\n");
}

TEST_CASE("relation-set is buffered; the unit's own reads see its pending writes", "[sim_tools_relation]") {
  sim::Model m = make_model();
  const sim::Bag before = m.relations[0].unit_bags["wordpress/0"];
  sim::HookSession s(m, db_changed());
  auto r = run(s, {"relation-set", "new=1", "old=", " spaced = value "});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "");
  CHECK(m.relations[0].unit_bags["wordpress/0"] == before);  // nothing reaches the model yet
  CHECK(run(s, {"relation-get", "--format=json", "-", "wordpress/0"}).out ==
        "{\"new\":\"1\",\"private-address\":\"10.0.0.10\",\"spaced\":\"value\"}\n");
  CHECK(run(s, {"relation-get", "old", "wordpress/0"}).out == "");

  sim::HookSession::Committed c = s.commit();
  REQUIRE(c.changed_bags.size() == 1);
  CHECK(c.changed_bags[0] == std::make_pair(2, std::string("wordpress/0")));
  CHECK(m.relations[0].unit_bags["wordpress/0"] ==
        sim::Bag{{"new", "1"}, {"private-address", "10.0.0.10"}, {"spaced", "value"}});
}

TEST_CASE("commit reports only bags that changed; a dropped session changes nothing", "[sim_tools_relation]") {
  sim::Model m = make_model();
  {
    sim::HookSession failed(m, db_changed());
    CHECK(run(failed, {"relation-set", "x=1"}).exit_code == 0);
    CHECK(run(failed, {"open-port", "443"}).exit_code == 0);
    // The hook failed: the agent never calls commit().
  }
  CHECK(m.relations[0].unit_bags["wordpress/0"].count("x") == 0);
  CHECK(m.units["wordpress/0"].ports == std::vector<std::string>{"8080/tcp"});

  sim::HookSession same(m, db_changed());
  CHECK(run(same, {"relation-set", "old=x"}).exit_code == 0);               // the value it has
  CHECK(run(same, {"relation-set", "-r", "cluster:3", "ready="}).exit_code == 0);  // deletes nothing
  CHECK(same.commit().changed_bags.empty());
  CHECK(m.relations[2].unit_bags.count("wordpress/0") == 0);
}

TEST_CASE("relation-set --file takes a YAML or JSON map, overridden by arguments", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  auto r = run(s, {"relation-set", "--file", "-", "z=over"}, "x: 1\ny: ~\nz: hello world\nq: 'quoted: yes'\n");
  CHECK(r.exit_code == 0);
  const sim::PendingBag& pending = s.relation_writes[2]["wordpress/0"];
  CHECK(pending.at("x") == std::optional<std::string>("1"));
  CHECK(pending.at("y") == std::nullopt);
  CHECK(pending.at("z") == std::optional<std::string>("over"));
  CHECK(pending.at("q") == std::optional<std::string>("quoted: yes"));

  r = run(s, {"relation-set", "--file=-", "-r", "cluster:3"}, "{\"j\": \"v\", \"n\": 5, \"gone\": null}");
  CHECK(r.exit_code == 0);
  const sim::PendingBag& peer = s.relation_writes[3]["wordpress/0"];
  CHECK(peer.at("j") == std::optional<std::string>("v"));
  CHECK(peer.at("n") == std::optional<std::string>("5"));
  CHECK(peer.at("gone") == std::nullopt);
  s.commit();
  CHECK(m.relations[2].unit_bags["wordpress/0"] == sim::Bag{{"j", "v"}, {"n", "5"}});
  CHECK(m.relations[0].unit_bags["wordpress/0"].at("z") == "over");
  CHECK(m.relations[0].unit_bags["wordpress/0"].count("y") == 0);

  sim::HookSession bad(m, db_changed());
  r = run(bad, {"relation-set", "--file", "-"}, "- a\n- b\n");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]string\n");
  r = run(bad, {"relation-set", "--file", "-"}, "k: [1, 2]\n");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into string\n");
  CHECK(bad.relation_writes.empty());
}

TEST_CASE("relation-set --app is for the leader only", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession minion(m, db_changed("wordpress/1"));
  auto r = run(minion, {"relation-set", "--app", "k=v"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR cannot write relation settings\n");
  CHECK(minion.relation_writes.empty());
  CHECK(run(minion, {"relation-set", "k=v"}).exit_code == 0);  // its unit bag is fine
  // A non-leader cannot read its own application's bag, except in a peer relation.
  r = run(minion, {"relation-get", "--app", "-", "wordpress"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "ERROR permission denied\n");
  CHECK(run(minion, {"relation-get", "-r", "cluster:3", "--app", "-", "wordpress"}).out == "peer-key: pv\n");

  sim::HookSession leader(m, db_changed());
  CHECK(run(leader, {"relation-get", "--app", "wanted", "wordpress"}).out == "wpdb\n");
  CHECK(run(leader, {"relation-set", "--app", "wanted=mine", "extra=1"}).exit_code == 0);
  CHECK(m.relations[0].app_bags["wordpress"] == sim::Bag{{"wanted", "wpdb"}});
  CHECK(run(leader, {"relation-get", "--app", "wanted", "wordpress/0"}).out == "mine\n");
  auto c = leader.commit();
  REQUIRE(c.changed_bags.size() == 1);
  CHECK(c.changed_bags[0] == std::make_pair(2, std::string("wordpress")));
  CHECK(m.relations[0].app_bags["wordpress"] == sim::Bag{{"extra", "1"}, {"wanted", "mine"}});
}

TEST_CASE("relation-set argument errors", "[sim_tools_relation]") {
  sim::Model m = make_model();
  sim::HookSession s(m, db_changed());
  auto r = run(s, {"relation-set", "novalue"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR expected \"key=value\", got \"novalue\"\n");
  r = run(s, {"relation-set", "a=1", "a=2"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR key \"a\" specified more than once\n");
  r = run(s, {"relation-set", "=v"});
  CHECK(r.err == "ERROR expected \"key=value\", got \"=v\"\n");
  r = run(s, {"relation-set", "--format", "json", "a=1"});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "--format flag deprecated for command \"relation-set\"");
  CHECK(s.relation_writes[2]["wordpress/0"].at("a") == std::optional<std::string>("1"));

  sim::HookSession outside(m, plain_hook());
  r = run(outside, {"relation-set", "a=1"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "ERROR no relation id specified\n");
  CHECK(run(outside, {"relation-set", "-r", "db:2", "a=1"}).exit_code == 0);

  r = run(s, {"relation-set", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("Usage: relation-set [options] key=value [key=value ...]\n", 0) == 0);
  CHECK(r.out.find("--file") != std::string::npos);
}
