// Flags as charms.reactive stores them: kv key `reactive.states.<flag>` exists iff the flag is
// set (value JSON null). Triggers fire synchronously, on real transitions only; their lists are
// mirrored to `reactive.flag_{set,clear}_triggers.<flag>` as upstream, callbacks stay in memory.
#include "charm/flags.hpp"

#include <algorithm>
#include <stdexcept>

#include "charm/kv.hpp"
#include "runtime/log_sink.hpp"

namespace charm {
namespace {

const std::string k_state_prefix = "reactive.states.";
const std::string k_set_trigger_prefix = "reactive.flag_set_triggers.";
const std::string k_clear_trigger_prefix = "reactive.flag_clear_triggers.";
const std::string k_legacy_trigger_prefix = "reactive.flag_triggers.";

// Trigger chains recurse; a cycle of set/clear triggers would otherwise overflow the stack.
constexpr int k_max_trigger_depth = 200;
thread_local int t_trigger_depth = 0;

void append_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& f : from)
    if (std::find(to.begin(), to.end(), f) == to.end()) to.push_back(f);
}

void trace(const char* what, const std::string& flag) {
  if (detail::debug_enabled()) detail::write_log(hookcmd::LogLevel::debug, std::string("tracer: ") + what + flag);
}

// Stores the merged set/clear lists of every trigger registered for `flag` (upstream's format).
void mirror_trigger(KeyValueStore& kv, const std::string& key, const std::string& flag,
                    const std::vector<std::pair<std::string, Trigger>>& triggers) {
  std::vector<std::string> set_flags, clear_flags;
  for (const auto& [when, t] : triggers)
    if (when == flag) {
      append_unique(set_flags, t.set_flags);
      append_unique(clear_flags, t.clear_flags);
    }
  kv.set(key + flag, {{"set_flag", set_flags}, {"clear_flag", clear_flags}});
}

std::vector<Trigger> matching(const std::vector<std::pair<std::string, Trigger>>& triggers, const std::string& flag) {
  std::vector<Trigger> out;
  for (const auto& [when, t] : triggers)
    if (when == flag) out.push_back(t);
  return out;
}

}  // namespace

Flags::Flags(KeyValueStore& kv) : m_kv(kv) {}

void Flags::set(const std::string& flag) {
  if (is_set(flag)) return;  // re-setting is silent, as upstream
  m_kv.set(k_state_prefix + flag, nullptr);
  trace("set flag ", flag);
  if (std::find(m_changes.begin(), m_changes.end(), flag) == m_changes.end()) m_changes.push_back(flag);
  std::vector<Trigger> triggers = matching(m_set_triggers, flag);
  fire(triggers);
}

void Flags::clear(const std::string& flag) {
  bool was_set = is_set(flag);
  // Every clear, even of an unset flag, makes the dispatcher re-test its queue (upstream).
  m_removed = true;
  if (!was_set) return;
  m_kv.unset(k_state_prefix + flag);
  trace("cleared flag ", flag);
  if (std::find(m_changes.begin(), m_changes.end(), flag) == m_changes.end()) m_changes.push_back(flag);
  std::vector<Trigger> triggers = matching(m_clear_triggers, flag);
  fire(triggers);
}

void Flags::toggle(const std::string& flag, bool should_set) {
  if (should_set) set(flag);
  else clear(flag);
}

bool Flags::is_set(const std::string& flag) const { return m_kv.get(k_state_prefix + flag).has_value(); }

bool Flags::all_set(const std::vector<std::string>& flags) const {
  return std::all_of(flags.begin(), flags.end(), [&](const std::string& f) { return is_set(f); });
}

bool Flags::any_set(const std::vector<std::string>& flags) const {
  return std::any_of(flags.begin(), flags.end(), [&](const std::string& f) { return is_set(f); });
}

std::vector<std::string> Flags::list() const {
  std::vector<std::string> out;
  for (const auto& [name, value] : m_kv.get_range(k_state_prefix, true)) out.push_back(name);
  return out;  // get_range is sorted
}

void Flags::register_trigger_when(const std::string& flag, Trigger trigger) {
  if (trigger.set_flags.empty() && trigger.clear_flags.empty() && !trigger.callback)
    throw std::invalid_argument("register_trigger(when=" + flag + "): give set_flags, clear_flags or a callback");
  m_set_triggers.emplace_back(flag, std::move(trigger));
  mirror_trigger(m_kv, k_set_trigger_prefix, flag, m_set_triggers);
}

void Flags::register_trigger_when_not(const std::string& flag, Trigger trigger) {
  if (trigger.set_flags.empty() && trigger.clear_flags.empty() && !trigger.callback)
    throw std::invalid_argument("register_trigger(when_not=" + flag + "): give set_flags, clear_flags or a callback");
  m_clear_triggers.emplace_back(flag, std::move(trigger));
  mirror_trigger(m_kv, k_clear_trigger_prefix, flag, m_clear_triggers);
}

std::vector<std::string> Flags::take_changes() {
  std::vector<std::string> out;
  out.swap(m_changes);
  return out;
}

void Flags::clear_triggers() {
  m_set_triggers.clear();
  m_clear_triggers.clear();
  m_kv.unset_range(k_set_trigger_prefix);
  m_kv.unset_range(k_clear_trigger_prefix);
  m_kv.unset_range(k_legacy_trigger_prefix);
}

// Upstream order for one transition: every set_flag of the matching triggers, then every
// clear_flag, then the callbacks. `triggers` is a copy, so a callback may register more.
void Flags::fire(std::vector<Trigger>& triggers) {
  if (triggers.empty()) return;
  if (t_trigger_depth >= k_max_trigger_depth)
    throw std::runtime_error("flag triggers nested more than " + std::to_string(k_max_trigger_depth) +
                             " deep: the triggers form a cycle");
  struct DepthGuard {
    DepthGuard() { ++t_trigger_depth; }
    ~DepthGuard() { --t_trigger_depth; }
  } guard;
  std::vector<std::string> set_flags, clear_flags;
  for (const auto& t : triggers) {
    append_unique(set_flags, t.set_flags);
    append_unique(clear_flags, t.clear_flags);
  }
  for (const auto& f : set_flags) set(f);
  for (const auto& f : clear_flags) clear(f);
  for (const auto& t : triggers)
    if (t.callback) t.callback();
}

}  // namespace charm
