// The dispatch algorithm of charms.reactive's bus.dispatch with FlagWatch (runtime.md §3).
#include "runtime/dispatcher.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "runtime/hook_patterns.hpp"
#include "runtime/log_sink.hpp"
#include "runtime/md5.hpp"
#include "runtime/reactive_state.hpp"

namespace charm {
using namespace charm::detail;
namespace {

const std::string k_endpoint_placeholder = "{endpoint_name}";

std::string substitute_endpoint(std::string text, const std::string& endpoint) {
  for (size_t at = text.find(k_endpoint_placeholder); at != std::string::npos;
       at = text.find(k_endpoint_placeholder, at + endpoint.size()))
    text.replace(at, k_endpoint_placeholder.size(), endpoint);
  return text;
}

void substitute_all(std::vector<std::string>& texts, const std::string& endpoint) {
  for (auto& t : texts) t = substitute_endpoint(t, endpoint);
}

bool has_flag_conditions(const HandlerSpec& s) {
  return !s.when_all.empty() || !s.when_any.empty() || !s.when_none.empty() || !s.when_not_all.empty();
}

DispatchHandler resolve(const HandlerSpec& spec, const std::string& endpoint, const CharmMetadata& metadata) {
  DispatchHandler h;
  h.spec = spec;
  h.endpoint = endpoint;
  h.id = endpoint.empty() ? spec.id : spec.id + ":" + endpoint;
  if (!endpoint.empty()) {
    substitute_all(h.spec.when_all, endpoint);
    substitute_all(h.spec.when_none, endpoint);
    for (auto& group : h.spec.when_any) substitute_all(group, endpoint);
    for (auto& group : h.spec.when_not_all) substitute_all(group, endpoint);
    substitute_all(h.spec.hook_patterns, endpoint);
  }
  h.hook_names = expand_hook_patterns(h.spec.hook_patterns, metadata);

  std::set<std::string> watched(h.spec.when_all.begin(), h.spec.when_all.end());
  watched.insert(h.spec.when_none.begin(), h.spec.when_none.end());
  for (const auto& group : h.spec.when_any) watched.insert(group.begin(), group.end());
  for (const auto& group : h.spec.when_not_all) watched.insert(group.begin(), group.end());
  h.watched.assign(watched.begin(), watched.end());

  // A handler without any condition behaves like `when_all()` of nothing: it runs once per
  // hook, in the first `other` iteration (upstream cannot register such a handler).
  bool no_condition = !has_flag_conditions(h.spec) && h.spec.hook_patterns.empty() &&
                      h.spec.files_changed.empty() && !h.spec.only_once;
  h.flag_phase = has_flag_conditions(h.spec) || no_condition;
  return h;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// md5 of the file, or null when it cannot be read (upstream host.file_hash gives None).
nlohmann::json file_hash(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return md5_hex(bytes.str());
}

}  // namespace

std::vector<DispatchHandler> prepare_handlers(const std::vector<HandlerSpec>& specs, const CharmMetadata& metadata) {
  std::vector<DispatchHandler> out;
  for (const auto& spec : specs) {
    if (spec.endpoint_role.empty() && spec.endpoint_interface.empty()) {
      out.push_back(resolve(spec, "", metadata));
      continue;
    }
    // Upstream still registers a handler once when no endpoint matches and its flags do not
    // name {endpoint_name}; an explicit for_endpoints handler has nothing to run for then.
    for (const auto& name : metadata.endpoints_for(spec.endpoint_role, spec.endpoint_interface))
      out.push_back(resolve(spec, name, metadata));
  }
  std::set<std::string> seen;
  for (const auto& h : out) {
    if (!seen.insert(h.id).second)
      write_log(hookcmd::LogLevel::warning, "Two reactive handlers share the id " + h.id +
                                                "; only_once and the logs cannot tell them apart");
    if (!h.spec.hook_patterns.empty() && has_flag_conditions(h.spec))
      write_log(hookcmd::LogLevel::warning, "Reactive handler " + h.id + " (" + h.spec.source +
                                                ") combines hook() with flag conditions and can never run: hook "
                                                "handlers run before flag handlers");
  }
  return out;
}

Dispatcher::Dispatcher(std::vector<DispatchHandler> handlers, KeyValueStore& kv, Flags& flags, std::string hook_name,
                       std::filesystem::path charm_dir)
    : m_handlers(std::move(handlers)), m_kv(kv), m_flags(flags), m_hook_name(std::move(hook_name)),
      m_charm_dir(std::move(charm_dir)) {}

void Dispatcher::dispatch(Restricted restricted) {
  // Changes made before dispatch (managed flags at start-up) do not count: iteration 0 runs
  // every matching handler anyway.
  m_flags.take_changes();
  m_changes.clear();
  m_iteration = 0;
  m_kv.unset("reactive.state_watch");

  if (restricted == Restricted::yes) {
    set_phase(Phase::restricted);
    run_queue(test_all());
    m_kv.unset("reactive.state_watch");
    return;
  }

  set_phase(Phase::hooks);
  run_queue(test_all());

  set_phase(Phase::other);
  bool settled = false;
  for (m_iteration = 0; m_iteration < max_iterations; ++m_iteration) {
    store_watch();
    std::vector<size_t> queue = test_all();
    if (queue.empty()) {
      settled = true;
      break;
    }
    run_queue(std::move(queue));
  }
  if (!settled)
    write_log(hookcmd::LogLevel::warning,
              "Reactive dispatch stopped after " + std::to_string(max_iterations) +
                  " iterations with handlers still running (a loop of handlers setting and clearing flags?); "
                  "flags changed in the last iteration: " +
                  (m_changes.empty() ? std::string("none") : join(m_changes)));
  m_kv.unset("reactive.state_watch");
}

std::vector<size_t> Dispatcher::test_all() {
  m_file_changed.clear();
  std::vector<size_t> queue;
  for (size_t i = 0; i < m_handlers.size(); ++i)
    if (test(i)) queue.push_back(i);
  return queue;
}

bool Dispatcher::watch(const DispatchHandler& h) const {
  if (m_iteration == 0) return true;
  for (const auto& f : h.watched)
    if (std::find(m_changes.begin(), m_changes.end(), f) != m_changes.end()) return true;
  return false;
}

bool Dispatcher::flag_conditions_hold(const DispatchHandler& h) const {
  const HandlerSpec& s = h.spec;
  if (!m_flags.all_set(s.when_all)) return false;
  for (const auto& group : s.when_any)
    if (!m_flags.any_set(group)) return false;
  if (m_flags.any_set(s.when_none)) return false;
  for (const auto& group : s.when_not_all)
    if (m_flags.all_set(group)) return false;
  return true;
}

// Conditions in a fixed order, cheapest and side-effect free first; files last, so that a
// change is only consumed by a handler whose other conditions hold.
bool Dispatcher::test(size_t index) {
  const DispatchHandler& h = m_handlers[index];
  if (h.flag_phase && !watch(h)) return false;
  if (!h.spec.hook_patterns.empty()) {
    if (m_phase == Phase::other) return false;
    if (std::find(h.hook_names.begin(), h.hook_names.end(), m_hook_name) == h.hook_names.end()) return false;
  }
  if (h.flag_phase && (m_phase != Phase::other || !flag_conditions_hold(h))) return false;
  // Restricted hooks (collect-metrics, meter-status-changed) cannot use most hook tools: only
  // handlers for that hook run, not file or only_once handlers as upstream (Quirk a).
  if (m_phase == Phase::restricted && h.spec.hook_patterns.empty()) return false;
  if (h.spec.only_once && m_kv.get("reactive.invoked." + h.id)) return false;
  if (!h.spec.files_changed.empty() && !any_file_changed(h)) return false;
  return true;
}

// Upstream any_file_changed: every file is hashed (no short-circuit) and its new hash stored
// at once under `reactive.files_changed.<path>`.
bool Dispatcher::any_file_changed(const DispatchHandler& h) {
  bool changed = false;
  for (const auto& file : h.spec.files_changed) {
    auto cached = m_file_changed.find(file);
    if (cached == m_file_changed.end()) {
      std::filesystem::path path(file);
      nlohmann::json now = file_hash(path.is_absolute() ? path : m_charm_dir / path);
      std::string key = "reactive.files_changed." + file;
      bool differs = m_kv.get(key).value_or(nullptr) != now;
      if (differs) m_kv.set(key, now);
      cached = m_file_changed.emplace(file, differs).first;
    }
    changed = changed || cached->second;
  }
  return changed;
}

void Dispatcher::run_queue(std::vector<size_t> queue) {
  while (!queue.empty()) {
    m_flags.reset_removed();
    size_t next = queue.front();
    queue.erase(queue.begin());
    invoke(next);
    if (m_flags.removed_since_reset()) {
      // A cleared flag may have made queued handlers' conditions false.
      std::vector<size_t> still;
      for (size_t i : queue)
        if (test(i)) still.push_back(i);
      queue = std::move(still);
    }
  }
  m_changes = m_flags.take_changes();
}

void Dispatcher::invoke(size_t index) {
  const DispatchHandler& h = m_handlers[index];
  write_log(hookcmd::LogLevel::info, "Invoking reactive handler: " + h.id + " (" + h.spec.source + ")");
  struct EndpointScope {
    explicit EndpointScope(const std::string& name) { set_current_endpoint_name(name); }
    ~EndpointScope() { set_current_endpoint_name(""); }
  } scope(h.endpoint);
  try {
    h.spec.action();
  } catch (const HandlerFailure&) {
    throw;
  } catch (const std::exception& e) {
    throw HandlerFailure(h.id, h.spec.source, e.what());
  } catch (...) {
    throw HandlerFailure(h.id, h.spec.source, "unknown exception");
  }
  if (h.spec.only_once) m_kv.set("reactive.invoked." + h.id, true);
}

void Dispatcher::set_phase(Phase phase) {
  m_phase = phase;
  const char* name = phase == Phase::hooks ? "hooks" : phase == Phase::other ? "other" : "restricted";
  m_kv.set("reactive.dispatch.phase", name);
}

// Kept as upstream's FlagWatch key for anything that inspects it mid-hook; pending changes
// live in Flags until the queue is done.
void Dispatcher::store_watch() const {
  m_kv.set("reactive.state_watch", {{"iteration", m_iteration}, {"changes", m_changes}, {"pending", nlohmann::json::array()}});
}

}  // namespace charm
