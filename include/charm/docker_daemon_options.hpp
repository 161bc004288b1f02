// dockerd's settings as a charm manages them. /etc/docker/daemon.json is the primary
// configuration: the charm's own settings overlaid with the operator's `daemon-opts` JSON
// (operator wins). DOCKER_OPTS in /etc/default/docker keeps only legacy flags (charms.docker's
// DockerOpts, and the operator's `docker-opts`), never a key daemon.json also has: dockerd
// refuses to start when a setting is given both ways. The charm's settings and flags live in
// the unit's kv store under charms.docker's and layer-docker's keys (`daemon-opts-additions`,
// `docker_opts`), so a unit can move between the Python and the C++ runtime.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "charm/kv.hpp"

namespace charm::docker {

class DaemonOptionsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses daemon.json text from the operator (`source` names it in errors); "" or only
// whitespace is {}. Invalid JSON or a non-object throws DaemonOptionsError with the problem,
// line, column, the line itself and a caret.
nlohmann::json parse_daemon_json(std::string_view text, std::string_view source = "daemon-opts");

enum class Split { no, on_commas };  // add_flag: "a,b" as two values, or one

class DaemonOptions {
 public:
  // Loads the charm's settings and flags from kv; every change is saved there at once.
  explicit DaemonOptions(KeyValueStore& kv);

  // The operator's daemon.json text (config `daemon-opts`); not saved, as config is read each
  // hook. Throws DaemonOptionsError (see parse_daemon_json), keeping the previous value.
  void set_operator_json(std::string_view text);
  // The operator's extra dockerd flags (config `docker-opts`), split at whitespace as
  // DOCKER_OPTS is; not saved.
  void set_extra_flags(std::string_view text);

  // A daemon.json setting of the charm's. Returns false, storing nothing, when the operator's
  // JSON gives the key another value (the operator wins).
  bool set(const std::string& key, const nlohmann::json& value);
  // Drops a charm setting; false when the charm had none.
  bool unset(const std::string& key);
  // The value dockerd will see: the operator's, else the charm's.
  std::optional<nlohmann::json> get(const std::string& key) const;

  // A legacy flag ("bip" or "--bip"); no value = a bare flag. Values accumulate: a second
  // value is appended unless already there. A value DOCKER_OPTS cannot carry (whitespace,
  // quotes, backslashes, glob characters) throws DaemonOptionsError: use set() for it.
  void add_flag(const std::string& name, std::optional<std::string> value = std::nullopt, Split split = Split::no);
  // Drops one value of a flag, or the whole flag without a value; false when absent.
  bool remove_flag(const std::string& name, std::optional<std::string> value = std::nullopt);
  bool has_flag(const std::string& name) const;

  // daemon.json's content.
  nlohmann::json to_daemon_json() const;
  // DOCKER_OPTS's words, and the line for /etc/default/docker: DOCKER_OPTS="..." quoted so that
  // sh (the init script sources it) and systemd's EnvironmentFile read the same words.
  std::vector<std::string> docker_opts_words() const;
  std::string to_docker_opts() const;
  // daemon.json keys also given as a flag ("mtu (--mtu)"); dockerd would not start.
  std::vector<std::string> conflicts() const;

  // Writes daemon.json and the DOCKER_OPTS line of the defaults file (other lines are kept),
  // each atomically and only if its content changes. Returns true when something changed, so
  // dockerd needs a restart. Throws DaemonOptionsError, writing nothing, on a conflict.
  bool write(const std::filesystem::path& daemon_json_path, const std::filesystem::path& default_file_path) const;

 private:
  void save() const;

  KeyValueStore& m_kv;
  nlohmann::json m_settings;  // charm's daemon.json settings
  nlohmann::json m_flags;     // flag name -> list of values, or null for a bare flag
  nlohmann::json m_operator;  // operator's daemon.json settings
  std::vector<std::string> m_extra_words;
};

}  // namespace charm::docker
