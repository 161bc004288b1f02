#include <catch2/catch.hpp>
#include <cstdlib>

#include "charm/hook_env.hpp"

using charm::HookEnv;
using charm::HookKind;

namespace {
std::map<std::string, std::string> base_env() {
  return {{"JUJU_UNIT_NAME", "etcd/3"}, {"JUJU_CHARM_DIR", "/var/lib/juju/agents/unit-etcd-3/charm"},
          {"JUJU_MODEL_NAME", "prod"},  {"JUJU_MODEL_UUID", "uuid-1"},
          {"JUJU_VERSION", "3.4.2"},    {"JUJU_MACHINE_ID", "7"},
          {"JUJU_PRINCIPAL_UNIT", ""},  {"JUJU_CONTEXT_ID", "etcd/3-install-123"}};
}
}  // namespace

TEST_CASE("hook_env: plain hook from JUJU_DISPATCH_PATH", "[hook_env]") {
  auto env = base_env();
  env["JUJU_DISPATCH_PATH"] = "hooks/config-changed";
  env["JUJU_HOOK_NAME"] = "install";  // the dispatch path wins
  HookEnv h = HookEnv::from_map(env, "/charm/dispatch");
  CHECK(h.hook_name == "config-changed");
  CHECK(h.kind == HookKind::config_changed);
  CHECK(h.dispatch_path == "hooks/config-changed");
  CHECK(h.unit_name == "etcd/3");
  CHECK(h.app_name == "etcd");
  CHECK(h.charm_dir == "/var/lib/juju/agents/unit-etcd-3/charm");
  CHECK(h.model_name == "prod");
  CHECK(h.model_uuid == "uuid-1");
  CHECK(h.juju_version == "3.4.2");
  CHECK(h.machine_id == "7");
  CHECK(h.principal_unit.empty());
  CHECK(h.context_id == "etcd/3-install-123");
  CHECK_FALSE(h.in_relation_hook());
  CHECK_FALSE(h.restricted());
}

TEST_CASE("hook_env: hook name falls back to JUJU_HOOK_NAME, then argv0", "[hook_env]") {
  auto env = base_env();
  env["JUJU_HOOK_NAME"] = "upgrade-charm";
  CHECK(HookEnv::from_map(env, "hooks/install").hook_name == "upgrade-charm");
  env["JUJU_HOOK_NAME"] = "";  // empty (as for actions) is ignored
  HookEnv h = HookEnv::from_map(env, "/var/lib/juju/charm/hooks/update-status");
  CHECK(h.hook_name == "update-status");
  CHECK(h.kind == HookKind::update_status);
  env.erase("JUJU_HOOK_NAME");
  CHECK(HookEnv::from_map(env, "leader-elected").kind == HookKind::leader_elected);
}

TEST_CASE("hook_env: relation hook with a dashed endpoint name", "[hook_env]") {
  auto env = base_env();
  env["JUJU_DISPATCH_PATH"] = "hooks/kube-api-endpoint-relation-departed";
  env["JUJU_RELATION"] = "kube-api-endpoint";
  env["JUJU_RELATION_ID"] = "kube-api-endpoint:12";
  env["JUJU_REMOTE_UNIT"] = "kubernetes-worker/1";
  env["JUJU_REMOTE_APP"] = "kubernetes-worker";
  env["JUJU_DEPARTING_UNIT"] = "kubernetes-worker/1";
  HookEnv h = HookEnv::from_map(env, "dispatch");
  CHECK(h.kind == HookKind::relation);
  CHECK(h.in_relation_hook());
  CHECK(h.hook_name == "kube-api-endpoint-relation-departed");
  CHECK(h.relation_name == "kube-api-endpoint");
  CHECK(h.relation_event == "departed");
  CHECK(h.relation_id == "kube-api-endpoint:12");
  CHECK(h.remote_unit == "kubernetes-worker/1");
  CHECK(h.remote_app == "kubernetes-worker");
  CHECK(h.departing_unit == "kubernetes-worker/1");
}

TEST_CASE("hook_env: relation-created has an empty remote unit; old Juju lacks JUJU_REMOTE_APP", "[hook_env]") {
  auto env = base_env();
  env["JUJU_HOOK_NAME"] = "db-relation-created";
  env["JUJU_RELATION_ID"] = "db:3";
  env["JUJU_REMOTE_UNIT"] = "";
  env["JUJU_REMOTE_APP"] = "postgresql";
  HookEnv h = HookEnv::from_map(env, "x");
  CHECK(h.relation_event == "created");
  CHECK(h.remote_unit.empty());
  CHECK(h.remote_app == "postgresql");

  env["JUJU_HOOK_NAME"] = "db-relation-joined";
  env["JUJU_REMOTE_UNIT"] = "postgresql/2";
  env.erase("JUJU_REMOTE_APP");
  CHECK(HookEnv::from_map(env, "x").remote_app == "postgresql");
}

TEST_CASE("hook_env: storage hook", "[hook_env]") {
  auto env = base_env();
  env["JUJU_DISPATCH_PATH"] = "hooks/data-dir-storage-attached";
  env["JUJU_STORAGE_ID"] = "data-dir/0";
  HookEnv h = HookEnv::from_map(env, "dispatch");
  CHECK(h.kind == HookKind::storage);
  CHECK(h.storage_name == "data-dir");
  CHECK(h.storage_event == "attached");
  CHECK(h.storage_id == "data-dir/0");
  CHECK(h.relation_name.empty());
}

TEST_CASE("hook_env: action from JUJU_DISPATCH_PATH", "[hook_env]") {
  auto env = base_env();
  env["JUJU_DISPATCH_PATH"] = "actions/snapshot-relation-changed";  // an odd name stays an action
  env["JUJU_HOOK_NAME"] = "";
  env["JUJU_ACTION_NAME"] = "snapshot-relation-changed";
  env["JUJU_ACTION_UUID"] = "42";
  HookEnv h = HookEnv::from_map(env, "dispatch");
  CHECK(h.kind == HookKind::action);
  CHECK(h.hook_name == "snapshot-relation-changed");
  CHECK(h.action_name == "snapshot-relation-changed");
  CHECK(h.action_uuid == "42");
  CHECK(h.relation_name.empty());
}

TEST_CASE("hook_env: action run directly by old Juju (argv0 + JUJU_ACTION_NAME)", "[hook_env]") {
  auto env = base_env();
  env["JUJU_ACTION_NAME"] = "backup";
  HookEnv h = HookEnv::from_map(env, "/charm/actions/backup");
  CHECK(h.kind == HookKind::action);
  CHECK(h.action_name == "backup");
}

TEST_CASE("hook_env: restricted hooks and unknown names", "[hook_env]") {
  auto env = base_env();
  env["JUJU_DISPATCH_PATH"] = "hooks/collect-metrics";
  CHECK(HookEnv::from_map(env, "").restricted());
  env["JUJU_DISPATCH_PATH"] = "hooks/meter-status-changed";
  CHECK(HookEnv::from_map(env, "").restricted());
  env["JUJU_DISPATCH_PATH"] = "hooks/something-else";
  CHECK(HookEnv::from_map(env, "").kind == HookKind::unknown);
}

TEST_CASE("hook_env: charm_dir falls back to CHARM_DIR, then the cwd", "[hook_env]") {
  std::map<std::string, std::string> env{{"CHARM_DIR", "/legacy"}, {"JUJU_UNIT_NAME", "a/0"}};
  CHECK(HookEnv::from_map(env, "install").charm_dir == "/legacy");
  env.erase("CHARM_DIR");
  CHECK(HookEnv::from_map(env, "install").charm_dir == std::filesystem::current_path());
}

TEST_CASE("hook_env: from_environment reads the process environment", "[hook_env]") {
  ::setenv("JUJU_DISPATCH_PATH", "hooks/website-relation-broken", 1);
  ::setenv("JUJU_UNIT_NAME", "web/0", 1);
  HookEnv h = HookEnv::from_environment("dispatch");
  ::unsetenv("JUJU_DISPATCH_PATH");
  ::unsetenv("JUJU_UNIT_NAME");
  CHECK(h.relation_name == "website");
  CHECK(h.relation_event == "broken");
  CHECK(h.app_name == "web");
}

TEST_CASE("hook_env: classify_hook", "[hook_env]") {
  std::string subject, event;
  CHECK(charm::classify_hook("install") == HookKind::install);
  CHECK(charm::classify_hook("post-series-upgrade") == HookKind::post_series_upgrade);
  CHECK(charm::classify_hook("a-relation-b-relation-joined", &subject, &event) == HookKind::relation);
  CHECK(subject == "a-relation-b");
  CHECK(event == "joined");
  CHECK(charm::classify_hook("cache-storage-detaching", &subject, &event) == HookKind::storage);
  CHECK(subject == "cache");
  CHECK(event == "detaching");
  CHECK(charm::classify_hook("-relation-joined") == HookKind::unknown);      // no endpoint
  CHECK(charm::classify_hook("db-relation-exploded") == HookKind::unknown);  // no such event
  CHECK(charm::classify_hook("db-storage-attached-x") == HookKind::unknown);
  CHECK(charm::classify_hook("") == HookKind::unknown);
}
