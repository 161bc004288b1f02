// The simulated Juju model: applications, units, relations and their data, as the agent keeps
// them (hook-tools.md §6). Plain data; the agent (sim/agent.*) changes it and queues hooks,
// the hook tools (sim/tools/*) read it through a HookSession. Saved as one JSON file.
#pragma once
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sim {

using Bag = std::map<std::string, std::string>;

struct Status {
  std::string status = "unknown";
  std::string message;
};

// What the charm declares, read from its metadata.yaml / config.yaml / actions.yaml.
struct EndpointSpec {
  std::string name, role, interface;  // role: provides | requires | peers
  std::string scope = "global";      // global | container
};
struct ConfigOption {
  std::string type = "string";  // string | int | float | boolean
  nlohmann::json default_value;  // null when config.yaml gives none
  std::string description;
};
struct StorageSpec {
  std::string name, type = "filesystem", location;
};
struct CharmInfo {
  std::string name;
  bool subordinate = false;
  std::vector<EndpointSpec> endpoints;  // metadata order: provides, requires, peers
  std::map<std::string, ConfigOption> config;
  nlohmann::json actions = nlohmann::json::object();  // actions.yaml as JSON
  std::vector<StorageSpec> storage;
  std::vector<std::string> resources;
  const EndpointSpec* endpoint(const std::string& name) const;
};

struct Unit {
  std::string name;  // "app/3"
  std::string machine;
  std::string address;
  std::string principal;  // principal unit of a subordinate, else ""
  Status workload;
  std::string agent_status = "allocating";  // allocating | idle | executing | error | lost
  std::string error_hook;                   // the hook that failed while agent_status is "error"
  bool leader = false;
  bool installed = false;
  bool started = false;  // its start hook succeeded once: a reboot then runs start again
  bool dying = false;  // remove-unit queued its last hooks; gone after `remove`
  std::vector<std::string> ports;  // "80/tcp", "8000-8099/udp", "icmp"; committed only
  std::vector<std::string> storage_ids;  // "data/0"
  std::string application() const;
  int number() const;
};

struct Application {
  std::string name;
  std::string charm_source;  // the built charm dir it was deployed from
  int charm_revision = 1;
  CharmInfo charm;
  nlohmann::json config = nlohmann::json::object();  // values set by the user (no defaults)
  Bag leader_settings;
  Status status;  // application status (status-set --application); unknown = derived
  std::string version;
  std::map<std::string, std::string> resources;  // name -> absolute path of the file
  std::vector<std::string> units;                // unit names in creation order
  int next_unit = 0;
  // Config with defaults applied; `all` also gives unset options as null (config-get --all).
  nlohmann::json effective_config(bool all = false) const;
};

struct RelationEnd {
  std::string application, endpoint, role, interface;
};

struct Relation {
  int id = 0;
  std::vector<RelationEnd> ends;  // two ends; one for a peer relation
  bool container_scoped = false;
  std::map<std::string, Bag> unit_bags;  // unit name -> its bag
  std::map<std::string, Bag> app_bags;   // app name -> its bag
  std::vector<std::string> members;      // units that entered scope (joined), sorted
  bool dying = false;                    // remove-relation queued departed/broken; not in relation-ids
  std::string key() const;               // "wordpress:db mysql:server", as juju status shows
  std::string id_for(const std::string& application) const;  // "db:3", the endpoint of that side
  const RelationEnd* end_of(const std::string& application) const;
  const RelationEnd* other_end(const std::string& application) const;
  bool is_peer() const { return ends.size() == 1; }
  bool involves(const std::string& application) const { return end_of(application) != nullptr; }
};

struct ActionRecord {
  std::string id;  // "1", "2", ... model-wide
  std::string unit, name;
  nlohmann::json params = nlohmann::json::object();
  std::string status = "pending";  // pending | running | completed | failed
  std::string message;
  nlohmann::json results = nlohmann::json::object();
  std::vector<std::string> log;
};

// One hook (or action) the agent will run on a unit.
struct QueuedHook {
  std::string unit;
  std::string name;  // hook name ("db-relation-joined"), or the action name when action_id is set
  int relation_id = -1;
  std::string remote_unit, remote_app, departing_unit;
  std::string storage_id;
  std::string action_id;
  bool operator==(const QueuedHook&) const = default;
  std::string describe() const;  // "app/0 db-relation-joined (mysql/0)"
};

struct HookRun {
  int seq = 0;
  std::string unit, hook;
  int exit_code = 0;
  double seconds = 0;
};

struct Model {
  std::string name = "sim";
  std::string uuid;
  std::string machine_kind = "local";  // local | container
  std::map<std::string, Application> applications;
  std::map<std::string, Unit> units;
  std::vector<Relation> relations;
  std::vector<ActionRecord> actions;
  std::vector<QueuedHook> queue;
  std::vector<HookRun> history;  // every hook run, in order
  int next_relation_id = 0;
  int next_action_id = 1;
  int next_machine = 0;
  // Storage instance ids come from one model-wide sequence and are never reused, as Juju's
  // "stores" sequence: data/0, logs/1, data/2.
  int next_storage = 0;

  Application* application(const std::string& name);
  const Application* application(const std::string& name) const;
  Unit* unit(const std::string& name);
  const Unit* unit(const std::string& name) const;
  Relation* relation(int id);
  const Relation* relation(int id) const;
  ActionRecord* action(const std::string& id);
  // Remote units a unit sees on a relation (in scope, sorted; container-scoped: its own pair only).
  std::vector<std::string> remote_units(const Relation& rel, const std::string& unit) const;
  // The leader of an application, if it has units.
  const Unit* leader_of(const std::string& application) const;
};

nlohmann::json to_json(const Model& model);
Model model_from_json(const nlohmann::json& j);

}  // namespace sim
