// Ctrl-C and SIGTERM during `charm-sim test`: the scenario must still clean up its machines.
// While an InterruptGuard lives, SIGINT/SIGTERM do not end the process: the first one marks
// the run interrupted and kills the hooks this process starts (each runs in its own process
// group), so the running step ends within moments and the cleanup can run; a second one
// exits at once, without cleanup.
#pragma once
#include <signal.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace sim::scenario {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool interrupted() const { return m_signal.load() != 0; }
  int signal_number() const { return m_signal.load(); }
  // The cleanup is about to start processes of its own: stop killing children.
  void stop_killing();
  const std::atomic<int>& flag() const { return m_signal; }

 private:
  void watch();
  std::atomic<int> m_signal{0};
  std::atomic<bool> m_done{false};
  bool m_killing = true;  // guarded by m_mutex
  std::mutex m_mutex;
  sigset_t m_previous_mask{};
  std::thread m_thread;
};

}  // namespace sim::scenario
