// Reactive flags, stored as charms.reactive stores them (kv `reactive.states.<flag>`), with
// triggers. Changes are visible at once and persist only if the hook succeeds.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace charm {

class KeyValueStore;

struct Trigger {
  std::vector<std::string> set_flags;
  std::vector<std::string> clear_flags;
  std::function<void()> callback;  // in-memory only, as upstream
};

class Flags {
 public:
  explicit Flags(KeyValueStore& kv);

  // Setting an unset flag (or clearing a set one) records a change and fires its triggers.
  void set(const std::string& flag);
  void clear(const std::string& flag);
  void toggle(const std::string& flag, bool should_set);
  bool is_set(const std::string& flag) const;
  bool all_set(const std::vector<std::string>& flags) const;
  bool any_set(const std::vector<std::string>& flags) const;
  std::vector<std::string> list() const;  // sorted

  // Exactly one of when/when_not is given; the trigger lasts for this hook (re-register each hook).
  void register_trigger_when(const std::string& flag, Trigger trigger);
  void register_trigger_when_not(const std::string& flag, Trigger trigger);

  // Flags set or cleared since the last take_changes() (the dispatcher's FlagWatch).
  std::vector<std::string> take_changes();
  // True once any flag was cleared since the last reset (forces a queue re-test).
  bool removed_since_reset() const { return m_removed; }
  void reset_removed() { m_removed = false; }
  // Deletes stored triggers (at the end of a successful hook, as upstream).
  void clear_triggers();

 private:
  void fire(std::vector<Trigger>& triggers);
  KeyValueStore& m_kv;
  std::vector<std::string> m_changes;
  bool m_removed = false;
  std::vector<std::pair<std::string, Trigger>> m_set_triggers, m_clear_triggers;
};

}  // namespace charm
