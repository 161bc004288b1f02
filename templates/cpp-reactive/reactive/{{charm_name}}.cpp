// The handlers of the {{charm_name}} charm. charm-build compiles every reactive/*.cpp of the
// charm's layers, with libcharm, into the charm's one hook binary. A handler runs when its
// conditions hold (flags, hooks, changed files); see <charm/reactive.hpp>.
#include <charm/charm.hpp>

// Once per unit, in its first hook: install the workload here. Debian packages listed in
// layer.yaml's `options: {basic: {packages: [...]}}` are installed before any handler runs.
static charm::Handler install = charm::handler("{{charm_name}}:install")
    .when_not("{{charm_name}}.installed")
    .run([] {
      charm::status::maintenance("installing");
      charm::log("{{charm_name}} installed");
      charm::set_flag("{{charm_name}}.installed");
    });

// Whenever the `greeting` option changes (the first hook counts as a change): configure the
// workload and report it.
static charm::Handler configure = charm::handler("{{charm_name}}:configure")
    .when({"{{charm_name}}.installed", "config.changed.greeting"})
    .run([] {
      std::string greeting = charm::config("greeting").get<std::string>();
      charm::kv().set("{{charm_name}}.greeting", greeting);
      charm::status::active(greeting);
    });
