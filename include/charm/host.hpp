// Host helpers a charm needs on its machine: files written atomically with owner and mode,
// users and groups, apt packages and services (systemd or plain init scripts). The C++
// counterparts of charmhelpers.core.host and charmhelpers.fetch. Commands are found on PATH
// and started with an argv (never a shell), so values reach them verbatim; a failing command
// throws CommandError. Everything works outside a running hook too.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace charm {

// A system command (apt-get, systemctl, useradd, ...) exited non-zero or could not be started
// (exit code 127).
class CommandError : public std::runtime_error {
 public:
  CommandError(std::vector<std::string> argv, int exit_code, std::string stderr_text);
  const std::vector<std::string>& argv() const { return m_argv; }
  int exit_code() const { return m_exit_code; }
  const std::string& stderr_text() const { return m_stderr; }

 private:
  std::vector<std::string> m_argv;
  int m_exit_code;
  std::string m_stderr;
};

namespace host {

// ---- Commands -------------------------------------------------------------------------------

// Runs a command (argv[0] found on PATH, no shell) with stdin on /dev/null and returns what it
// printed on stdout. Throws CommandError (argv, exit code, stderr) unless it exits 0.
std::string run(const std::vector<std::string>& argv);

// ---- Files ----------------------------------------------------------------------------------

// Owners and groups are names (looked up in /etc/passwd and /etc/group) or numeric ids, as
// chown(1) takes them; unset leaves what a new file gets (the caller's).
struct FileOptions {
  std::optional<std::string> owner;
  std::optional<std::string> group;
  mode_t mode = 0644;
  mode_t parents_mode = 0755;  // for missing parent directories, which are created (owned by the caller)
};

// Replaces `path` atomically: a temp file in the same directory gets the content, owner and
// mode, is synced and renamed over the old one, so readers see the old file or the new one,
// never a mix. A symlink at `path` is followed. Returns false, writing nothing, when the file
// already has this content, mode and owner (no mtime change, no inotify event).
// Throws std::system_error naming the path and the step that failed.
bool write_file(const std::filesystem::path& path, std::string_view content, const FileOptions& options = {});

struct DirOptions {
  std::optional<std::string> owner;
  std::optional<std::string> group;
  mode_t mode = 0755;
};

// mkdir -p: missing parents get 0755; the directory itself gets the mode and owner even when it
// exists already. Throws when something other than a directory is in the way.
void mkdir(const std::filesystem::path& path, const DirOptions& options = {});

// ---- Users and groups -----------------------------------------------------------------------
// Existence is checked in /etc/passwd and /etc/group, the files useradd and groupadd manage.

std::optional<uid_t> user_id(const std::string& name);
std::optional<gid_t> group_id(const std::string& name);
inline bool user_exists(const std::string& name) { return user_id(name).has_value(); }
inline bool group_exists(const std::string& name) { return group_id(name).has_value(); }

enum class Account { normal, system };

struct GroupOptions {
  Account kind = Account::normal;
  std::optional<gid_t> gid;
};

// groupadd, unless the group exists. Returns true when it was created.
bool add_group(const std::string& name, const GroupOptions& options = {});

struct UserOptions {
  Account kind = Account::normal;
  std::optional<std::filesystem::path> home;  // useradd's default otherwise (/home/NAME)
  bool create_home = true;                    // for normal users; system users get none
  std::optional<std::string> shell;           // e.g. /usr/sbin/nologin for a service user
  // Unset: the group named like the user when it exists (as charmhelpers), else useradd's
  // default (a new group of that name on Debian).
  std::optional<std::string> primary_group;
  std::vector<std::string> groups;  // supplementary groups
  std::optional<uid_t> uid;
};

// useradd, unless the user exists (an existing user is left unchanged). Returns true when created.
bool add_user(const std::string& name, const UserOptions& options = {});

// gpasswd -a, unless the user is already a member.
void add_user_to_group(const std::string& user, const std::string& group);

// ---- apt ------------------------------------------------------------------------------------
// apt-get runs with DEBIAN_FRONTEND=noninteractive and stdin on /dev/null. While another
// process holds the dpkg or apt lock (exit 100, "Could not get lock"), the command is retried.

struct AptOptions {
  // Options placed before the apt-get subcommand (install and purge).
  std::vector<std::string> options{"--option=Dpkg::Options::=--force-confold"};
  int lock_retries = 30;  // unattended-upgrades on a fresh machine can hold the lock for minutes
  std::chrono::milliseconds lock_retry_delay{10000};
};

// Nothing to do for an empty list. Package names may not start with '-'.
void apt_install(const std::vector<std::string>& packages, const AptOptions& options = {});
void apt_purge(const std::vector<std::string>& packages, const AptOptions& options = {});
void apt_update(const AptOptions& options = {});

// ---- Services -------------------------------------------------------------------------------
// systemctl when systemd runs the machine, else the init script /etc/init.d/NAME, else
// `service NAME ACTION`. Enabling without systemd uses update-rc.d.

// Where service control looks; tests point these into a temporary directory.
struct InitSystem {
  std::filesystem::path systemd_marker = "/run/systemd/system";  // exists when systemd is PID 1
  std::filesystem::path init_dir = "/etc/init.d";
};

bool init_is_systemd(const InitSystem& init = {});

// Runs ACTION (start, stop, restart, reload, ...) on the service; throws CommandError on failure.
void service(std::string_view action, const std::string& name, const InitSystem& init = {});
inline void service_start(const std::string& name, const InitSystem& init = {}) { service("start", name, init); }
inline void service_stop(const std::string& name, const InitSystem& init = {}) { service("stop", name, init); }
inline void service_restart(const std::string& name, const InitSystem& init = {}) { service("restart", name, init); }

enum class OnReloadFailure { fail, restart };
void service_reload(const std::string& name, OnReloadFailure on_failure = OnReloadFailure::fail,
                    const InitSystem& init = {});

// systemctl is-active, or the init script's status (LSB: exit 0 means running).
bool service_running(const std::string& name, const InitSystem& init = {});
// Started at boot (systemctl enable, or update-rc.d defaults + enable) / not any more.
void service_enable(const std::string& name, const InitSystem& init = {});
void service_disable(const std::string& name, const InitSystem& init = {});

// Files and the services to restart when one of them changes, in restart order.
using RestartMap = std::vector<std::pair<std::filesystem::path, std::vector<std::string>>>;

// Runs `change` (rendering config files, say), then restarts, once each and in map order, the
// services of every file whose content changed (appearing or disappearing counts). Returns the
// services restarted. If `change` throws, nothing is restarted.
std::vector<std::string> restart_on_change(const RestartMap& restart_map, const std::function<void()>& change,
                                           const InitSystem& init = {});

}  // namespace host
}  // namespace charm
