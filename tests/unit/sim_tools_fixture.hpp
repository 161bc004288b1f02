// A small simulated model for the hook-tool tests: wordpress (2 units, wordpress/0 leads)
// related to mysql (4 units) on db:2 and to mariadb on db:10, a peer relation cluster:3,
// and a backup action on wordpress/0. Tools run through sim::run_tool as the agent runs them.
#pragma once
#include <string>
#include <vector>

#include "sim/hook_session.hpp"
#include "sim/tools/tool.hpp"

namespace sim_tools_test {

inline sim::Model make_model() {
  sim::Model m;
  m.name = "test";
  sim::Application wp;
  wp.name = "wordpress";
  wp.charm.name = "wordpress";
  wp.charm.endpoints = {{"website", "provides", "http"}, {"db", "requires", "mysql"}, {"cluster", "peers", "wp-peer"}};
  wp.charm.config["port"] = {"int", 80, "port"};
  wp.charm.config["title"] = {"string", "My <Blog> & co", "title"};
  wp.charm.config["debug"] = {"boolean", false, ""};
  wp.charm.config["ratio"] = {"float", 0.5, ""};
  wp.charm.config["secret"] = {"string", nullptr, ""};
  wp.charm.config["big"] = {"int", 2000000, ""};
  wp.charm.actions = {{"backup", {{"params", {{"target", {{"type", "string"}, {"default", "/tmp"}}},
                                              {"keep", {{"type", "integer"}, {"default", 3}}}}}}}};
  wp.charm.storage = {{"data", "filesystem", "/srv/wp-data"}, {"cache", "filesystem", ""}};
  wp.charm.resources = {"payload", "missing"};
  wp.config = {{"title", "Hello"}};
  wp.leader_settings = {{"shared", "s1"}};
  wp.units = {"wordpress/0", "wordpress/1"};
  m.applications["wordpress"] = wp;

  sim::Application mysql;
  mysql.name = "mysql";
  mysql.charm.name = "mysql";
  mysql.charm.endpoints = {{"server", "provides", "mysql"}};
  mysql.units = {"mysql/0", "mysql/1", "mysql/2", "mysql/10"};
  m.applications["mysql"] = mysql;
  sim::Application mariadb = mysql;
  mariadb.name = "mariadb";
  mariadb.units = {};
  m.applications["mariadb"] = mariadb;

  auto add_unit = [&](const std::string& name, const std::string& machine, const std::string& address, bool leader) {
    sim::Unit u;
    u.name = name;
    u.machine = machine;
    u.address = address;
    u.leader = leader;
    u.agent_status = "idle";
    m.units[name] = u;
  };
  add_unit("wordpress/0", "0", "10.0.0.10", true);
  add_unit("wordpress/1", "1", "10.0.0.11", false);
  add_unit("mysql/0", "2", "10.0.0.20", true);
  add_unit("mysql/1", "3", "10.0.0.21", false);
  add_unit("mysql/2", "4", "10.0.0.22", false);
  add_unit("mysql/10", "5", "10.0.0.30", false);
  m.units["wordpress/0"].storage_ids = {"data/0", "cache/0", "cache/1"};
  m.units["wordpress/0"].ports = {"8080/tcp"};

  sim::Relation db;
  db.id = 2;
  db.ends = {{"wordpress", "db", "requires", "mysql"}, {"mysql", "server", "provides", "mysql"}};
  db.members = {"mysql/0", "mysql/1", "mysql/10", "mysql/2", "wordpress/0", "wordpress/1"};
  db.unit_bags["mysql/0"] = {{"host", "10.0.0.20"}, {"user", "wp"}};
  db.unit_bags["mysql/1"] = {{"host", "10.0.0.21"}};
  db.unit_bags["wordpress/0"] = {{"private-address", "10.0.0.10"}, {"old", "x"}};
  db.app_bags["mysql"] = {{"database", "wpdb"}};
  db.app_bags["wordpress"] = {{"wanted", "wpdb"}};
  sim::Relation maria;
  maria.id = 10;
  maria.ends = {{"wordpress", "db", "requires", "mysql"}, {"mariadb", "server", "provides", "mysql"}};
  sim::Relation cluster;
  cluster.id = 3;
  cluster.ends = {{"wordpress", "cluster", "peers", "wp-peer"}};
  cluster.members = {"wordpress/0", "wordpress/1"};
  cluster.app_bags["wordpress"] = {{"peer-key", "pv"}};
  cluster.unit_bags["wordpress/1"] = {{"ready", "yes"}};
  m.relations = {db, maria, cluster};

  sim::ActionRecord backup;
  backup.id = "7";
  backup.unit = "wordpress/0";
  backup.name = "backup";
  backup.status = "running";
  backup.params = {{"target", "/srv/backup"}, {"options", {{"compress", true}, {"level", 9}}}};
  m.actions = {backup};
  return m;
}

// The context of a db-relation-changed hook on `unit` for the remote unit mysql/0.
inline sim::HookContext db_changed(const std::string& unit = "wordpress/0") {
  sim::HookContext c;
  c.unit = unit;
  c.hook_name = "db-relation-changed";
  c.relation_id = 2;
  c.remote_unit = "mysql/0";
  c.remote_app = "mysql";
  return c;
}

inline sim::HookContext plain_hook(const std::string& unit = "wordpress/0", const std::string& hook = "config-changed") {
  sim::HookContext c;
  c.unit = unit;
  c.hook_name = hook;
  return c;
}

inline sim::HookContext action_context() {
  sim::HookContext c;
  c.unit = "wordpress/0";
  c.action_id = "7";
  return c;
}

inline sim::ToolResponse run(sim::HookSession& session, std::vector<std::string> argv, std::string stdin_text = "") {
  return sim::run_tool(session, {std::move(argv), std::move(stdin_text)});
}

}  // namespace sim_tools_test
