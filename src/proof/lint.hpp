// Inside proof: the linter that collects findings, the charm being proofed, and the check
// stages (one file per concern). proof.cpp runs them in charm-tools' order.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "proof/proof.hpp"
#include "yaml/value.hpp"

namespace proof {

namespace fs = std::filesystem;

class Linter {
 public:
  void info(std::string message) { m_findings.push_back({Level::info, std::move(message)}); }
  void warn(std::string message) { m_findings.push_back({Level::warning, std::move(message)}); }
  void err(std::string message) { m_findings.push_back({Level::error, std::move(message)}); }
  // Checking cannot go on.
  void crit(const std::string& message) { err("FATAL: " + message); }
  std::vector<Finding> take() { return std::move(m_findings); }

 private:
  std::vector<Finding> m_findings;
};

// Thrown where charm-tools itself stops with a Python exception (a traceback, no findings
// printed). Proof stops there too, keeps what it found, and adds the reason as a FATAL finding.
class Abort : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Charm {
  std::string dir;          // absolute and normalized, as os.path.abspath gives it
  yaml::Value metadata;     // always a mapping
  yaml::Value extensions;   // layer.yaml's `proof:` section as a mapping (maybe empty)
  bool subordinate = false; // truthiness of `subordinate`, as Python's `if subordinate:`

  // os.path.join(dir, name): how upstream names files in its messages.
  std::string path(std::string_view name) const;
};

// Python's os.path.join for one more component.
std::string join_path(const std::string& dir, std::string_view name);

// metadata_checks.cpp: root keys, name, summary, display-name, maintainers, tags, series,
// min-juju-version, extra-bindings, terms; then the schema checks of schema_checks.cpp.
void check_metadata(const Charm& charm, Linter& lint);
// A `revision` key in metadata.yaml (checked after the relations).
void check_metadata_revision(const Charm& charm, Linter& lint);
// maintainer_address.cpp: email.utils.parseaddr(text) gives both a name and an address.
bool has_name_and_address(const yaml::Value& maintainer);

// schema_checks.cpp: the colander schemas, with layer.yaml's proof extensions.
void validate_storage(const Charm& charm, Linter& lint);
void validate_devices(const Charm& charm, Linter& lint);
void validate_payloads(const Charm& charm, Linter& lint);
void validate_resources(const Charm& charm, Linter& lint);
void validate_deployment(const Charm& charm, Linter& lint);

// file_checks.cpp: icon.svg, the hooks directory, copyright, README files.
void check_files(const Charm& charm, Linter& lint);
// After metadata: tests/00-autogen and the revision file.
void check_leftover_files(const std::string& dir, Linter& lint);

// relation_checks.cpp: subordinate, provides, requires, peers.
void check_relations(const Charm& charm, Linter& lint);

// hook_checks.cpp. check_hook is true when the hook exists and could be read.
enum class Recommended { no, yes };
bool check_hook(const std::string& hook, const std::string& hooks_dir, Recommended recommended, Linter& lint);
void check_recommended_hooks(const Charm& charm, Linter& lint);

// actions_checks.cpp: actions.yaml, or functions.yaml when there is none.
void check_actions(const Charm& charm, Linter& lint);

// config_checks.cpp: config.yaml (also when metadata.yaml could not be read).
void check_config(const std::string& dir, Linter& lint);

// readme_boilerplate.cpp: the template README's lines of 39 or more characters, stripped.
const std::vector<std::string_view>& readme_boilerplate_lines();

// sha1.cpp: lower-case hex SHA-1 of bytes.
std::string sha1_hex(std::string_view bytes);

}  // namespace proof
