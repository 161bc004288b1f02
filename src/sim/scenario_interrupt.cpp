#include "sim/scenario_interrupt.hpp"

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace sim::scenario {

namespace {

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

// Kills the process groups led by our children: the hooks (spawned with their own group).
// Children in our own group are left alone.
void kill_child_groups() {
  const pid_t self = ::getpid();
  DIR* proc = ::opendir("/proc");
  if (!proc) return;
  while (dirent* entry = ::readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end) continue;
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string text;
    std::getline(stat, text);
    // "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses, so parse after the last ')'.
    const size_t close = text.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    long ppid = 0;
    if (std::sscanf(text.c_str() + close + 1, " %c %ld", &state, &ppid) != 2 || ppid != self) continue;
    if (::getpgid(static_cast<pid_t>(pid)) == pid) ::kill(-static_cast<pid_t>(pid), SIGKILL);
  }
  ::closedir(proc);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  // Blocked here before the thread starts, so every thread leaves the signals to sigtimedwait.
  // Hooks unblock them again (spawn_process resets the mask).
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, &m_previous_mask);
  m_thread = std::thread([this] { watch(); });
}

InterruptGuard::~InterruptGuard() {
  m_done = true;
  m_thread.join();
  pthread_sigmask(SIG_SETMASK, &m_previous_mask, nullptr);
}

void InterruptGuard::stop_killing() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_killing = false;
}

void InterruptGuard::watch() {
  const sigset_t set = watched_signals();
  while (!m_done) {
    timespec tick{0, 50 * 1000 * 1000};
    const int sig = ::sigtimedwait(&set, nullptr, &tick);
    if (sig > 0) {
      if (interrupted()) {
        static const char again[] = "\ncharm-sim test: interrupted again: exiting without cleanup\n";
        (void)!::write(STDERR_FILENO, again, sizeof(again) - 1);
        ::_exit(128 + sig);
      }
      m_signal = sig;
      static const char first[] = "\ncharm-sim test: interrupted: stopping hooks and cleaning up (again to quit at once)\n";
      (void)!::write(STDERR_FILENO, first, sizeof(first) - 1);
    }
    if (interrupted()) {
      std::lock_guard<std::mutex> lock(m_mutex);
      if (m_killing) kill_child_groups();
    }
  }
}

}  // namespace sim::scenario
