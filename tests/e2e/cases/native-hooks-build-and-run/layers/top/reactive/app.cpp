#include <charm/charm.hpp>

// Installs once, then reports the greeting whenever config changes.
static charm::Handler install = charm::handler("app:install")
    .when_not("app.installed")
    .run([] {
      charm::kv().set("app.greeting", charm::config("greeting"));
      charm::set_flag("app.installed");
    });

static charm::Handler report = charm::handler("app:report")
    .when({"app.installed", "config.changed.greeting"})
    .run([] { charm::status::active(charm::config("greeting").get<std::string>()); });

static charm::Handler fail_on_request = charm::handler("app:fail")
    .when("config.set.explode")
    .run([] { charm::set_flag("app.doomed"); throw std::runtime_error("asked to explode"); });
