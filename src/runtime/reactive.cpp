// The handler registry and its builder. Registration happens during static initialisation,
// before the hook's context exists, so nothing here looks at the charm: endpoint expansion and
// hook patterns are resolved by the dispatcher (dispatcher.cpp) once per hook.
#include "charm/reactive.hpp"

#include "runtime/reactive_state.hpp"

namespace charm {
namespace {

void append(std::vector<std::string>& to, std::initializer_list<std::string> from) {
  to.insert(to.end(), from.begin(), from.end());
}

std::string& current_endpoint() {
  static std::string name;
  return name;
}

}  // namespace

HandlerBuilder::HandlerBuilder(std::string id, std::string source) {
  m_spec.id = std::move(id);
  m_spec.source = std::move(source);
}

HandlerBuilder& HandlerBuilder::when(std::initializer_list<std::string> flags) { return when_all(flags); }

HandlerBuilder& HandlerBuilder::when_all(std::initializer_list<std::string> flags) {
  append(m_spec.when_all, flags);
  return *this;
}

HandlerBuilder& HandlerBuilder::when_any(std::initializer_list<std::string> flags) {
  m_spec.when_any.emplace_back(flags);
  return *this;
}

HandlerBuilder& HandlerBuilder::when_not(std::initializer_list<std::string> flags) { return when_none(flags); }

HandlerBuilder& HandlerBuilder::when_none(std::initializer_list<std::string> flags) {
  append(m_spec.when_none, flags);
  return *this;
}

HandlerBuilder& HandlerBuilder::when_not_all(std::initializer_list<std::string> flags) {
  m_spec.when_not_all.emplace_back(flags);
  return *this;
}

HandlerBuilder& HandlerBuilder::hook(std::initializer_list<std::string> patterns) {
  append(m_spec.hook_patterns, patterns);
  return *this;
}

HandlerBuilder& HandlerBuilder::when_file_changed(std::initializer_list<std::string> files) {
  append(m_spec.files_changed, files);
  return *this;
}

HandlerBuilder& HandlerBuilder::only_once() {
  m_spec.only_once = true;
  return *this;
}

HandlerBuilder& HandlerBuilder::for_endpoints(std::string role, std::string interface) {
  m_spec.endpoint_role = std::move(role);
  m_spec.endpoint_interface = std::move(interface);
  return *this;
}

Handler HandlerBuilder::run(std::function<void()> action) {
  m_spec.action = std::move(action);
  auto& registry = handler_registry();
  registry.push_back(m_spec);
  return Handler{registry.size() - 1};
}

HandlerBuilder handler(std::string id, const char* file, int line) {
  return HandlerBuilder(std::move(id), std::string(file) + ":" + std::to_string(line));
}

// A function-local static: handlers register from other translation units' static
// initialisers, whose order relative to this file is unspecified.
std::vector<HandlerSpec>& handler_registry() {
  static std::vector<HandlerSpec> registry;
  return registry;
}

const std::string& current_endpoint_name() { return current_endpoint(); }

namespace detail {
void set_current_endpoint_name(std::string name) { current_endpoint() = std::move(name); }
}  // namespace detail

}  // namespace charm
