// Reactive handlers: conditions on flags, hooks and files, registered once at start-up and run
// by the dispatcher with charms.reactive's semantics (hook phase, then rounds until no handler
// fires; a cleared flag re-tests the rest of the round). Handlers run in registration order:
// layers bottom to top (charm-build compiles them in that order), then definition order.
//
//   static charm::Handler install_app = charm::handler("install_app")
//       .when_not("app.installed")
//       .run([] { charm::apt_install({"nginx"}); charm::set_flag("app.installed"); });
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace charm {

class Dispatcher;

struct HandlerSpec {
  std::string id;                      // unique; shown in logs ("docker:install_docker")
  std::vector<std::string> when_all;   // all set
  std::vector<std::vector<std::string>> when_any;   // each group: at least one set
  std::vector<std::string> when_none;  // none set
  std::vector<std::vector<std::string>> when_not_all;  // each group: at least one unset
  std::vector<std::string> hook_patterns;  // `{a,b}` alternatives, `{role:interface}` endpoints
  std::vector<std::string> files_changed;  // paths relative to the charm dir
  bool only_once = false;
  // Endpoint handlers: registered once per endpoint of this role and interface in
  // metadata.yaml, with "{endpoint_name}" in flags replaced by the endpoint name.
  std::string endpoint_role, endpoint_interface;
  std::function<void()> action;
  std::string source;  // "file:line" of the registration, for logs
};

// A registered handler (the token returned by HandlerBuilder::run).
struct Handler {
  size_t index = 0;
};

class HandlerBuilder {
 public:
  explicit HandlerBuilder(std::string id, std::string source);
  HandlerBuilder& when(std::initializer_list<std::string> flags);     // = when_all
  HandlerBuilder& when_all(std::initializer_list<std::string> flags);
  HandlerBuilder& when_any(std::initializer_list<std::string> flags);
  HandlerBuilder& when_not(std::initializer_list<std::string> flags);  // = when_none
  HandlerBuilder& when_none(std::initializer_list<std::string> flags);
  HandlerBuilder& when_not_all(std::initializer_list<std::string> flags);
  HandlerBuilder& when(const std::string& flag) { return when({flag}); }
  HandlerBuilder& when_not(const std::string& flag) { return when_not({flag}); }
  HandlerBuilder& hook(std::initializer_list<std::string> patterns);
  HandlerBuilder& hook(const std::string& pattern) { return hook({pattern}); }
  HandlerBuilder& when_file_changed(std::initializer_list<std::string> files);
  HandlerBuilder& only_once();
  HandlerBuilder& for_endpoints(std::string role, std::string interface);
  // Registers the handler in the process-wide registry.
  Handler run(std::function<void()> action);

 private:
  HandlerSpec m_spec;
};

// Starts a handler definition; `source` defaults to the caller's file:line.
HandlerBuilder handler(std::string id, const char* file = __builtin_FILE(), int line = __builtin_LINE());

// All handlers registered so far, in registration order.
std::vector<HandlerSpec>& handler_registry();

// The endpoint the running handler was registered for (a for_endpoints handler runs once per
// matching endpoint); "" for other handlers and outside handlers.
const std::string& current_endpoint_name();

}  // namespace charm
