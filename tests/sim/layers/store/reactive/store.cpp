#include <charm/charm.hpp>

#include <string>

// C++ handlers of the simulator's test charm. They use the hook tools directly (hookcmd), so
// every call goes through charm-sim's tool server.
namespace {

std::string port() { return std::to_string(charm::config("port").get<long long>()); }

void publish(const std::string& relation_id) {
  charm::hookcmd::relation_set(relation_id, {{"host", charm::hookcmd::unit_get("private-address")},
                                             {"port", port()},
                                             {"motd", charm::config("motd").get<std::string>()}});
}

charm::Handler install = charm::handler("store:install")
    .when_not("store.installed")
    .run([] {
      charm::status::maintenance("installing");
      charm::kv().set("store.motd", charm::config("motd"));
      charm::set_flag("store.installed");
    });

charm::Handler lead = charm::handler("store:lead")
    .hook("leader-elected")
    .run([] { charm::hookcmd::leader_set({{"token", "secret-" + charm::hook().unit_name}}); });

charm::Handler start = charm::handler("store:start")
    .hook("start")
    .run([] { charm::hookcmd::open_port(port() + "/tcp"); });

charm::Handler joined = charm::handler("store:db-joined")
    .hook("db-relation-joined")
    .run([] { publish(charm::hook().relation_id); });

charm::Handler config_changed = charm::handler("store:config")
    .when({"store.installed", "config.changed"})
    .run([] {
      charm::kv().set("store.motd", charm::config("motd"));
      for (const auto& id : charm::hookcmd::relation_ids("db")) publish(id);
    });

charm::Handler get = charm::handler("store:get-action")
    .hook("get")
    .run([] {
      const auto key = charm::hookcmd::action_get()["key"].get<std::string>();
      const auto value = charm::kv().get(key);
      if (!value || value->is_null()) {
        charm::hookcmd::action_fail("no key " + key);
        return;
      }
      charm::hookcmd::action_set({{"value", value->is_string() ? value->get<std::string>() : value->dump()}});
    });

charm::Handler explode = charm::handler("store:explode")
    .when("config.set.explode")
    .run([] {
      charm::set_flag("store.exploded");
      throw std::runtime_error("explode requested");
    });

}  // namespace
