// actions.yaml, or functions.yaml when there is none (charms.py: validate_actions and
// validate_functions). Every action needs an executable actions/NAME, also in charms whose
// dispatch script or binary handles actions: upstream checks the file regardless.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "proof/lint.hpp"
#include "proof/python_text.hpp"
#include "proof/yaml11.hpp"

namespace proof {

namespace {

bool is_regular_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// `kind` is "actions" or "functions": the YAML's stem and the directory of the scripts.
// Returns the message of the Python exception upstream would catch, if any.
std::optional<std::string> validate_entries(const yaml::Value& entries, const std::string& kind,
                                            const std::string& scripts_dir, Linter& lint) {
  if (!entries.truthy()) return std::nullopt;
  if (!entries.is_mapping()) {
    lint.err(kind + ": must be a dictionary of json schemas");
    return std::nullopt;
  }
  for (const auto& [key, value] : entries.entries()) {
    if (!key.is_string()) {
      std::string type = py_type_name(key);
      if (type == "date" || type == "datetime") type = "datetime." + type;
      return "'" + type + "' object has no attribute 'startswith'";
    }
    const std::string& name = key.text();
    if (name.rfind("juju", 0) == 0) {
      lint.err(kind + "." + name + ": juju is a reserved namespace");
      continue;
    }
    std::string script = join_path(scripts_dir, name);
    if (!is_regular_file(script))
      lint.warn(kind + "." + name + ": " + kind + "/" + name + " does not exist");
    else if (::access(script.c_str(), X_OK) != 0)
      lint.err(kind + "." + name + ": " + kind + "/" + name + " is not executable");
  }
  return std::nullopt;
}

}  // namespace

void check_actions(const Charm& charm, Linter& lint) {
  std::string kind;
  std::error_code ec;
  if (fs::exists(charm.path("actions.yaml"), ec))
    kind = "actions";
  else if (fs::exists(charm.path("functions.yaml"), ec))
    kind = "functions";
  else
    return;
  std::string path = charm.path(kind + ".yaml");
  std::ifstream in(path, std::ios::binary);
  if (fs::is_directory(path, ec) || !in) {
    // Upstream's IOError branch for metadata.yaml catches this one too.
    lint.err("could not find metadata file for " + charm.dir);
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::optional<std::string> problem;
  try {
    problem = validate_entries(load_yaml11(text.str()), kind, charm.path(kind), lint);
  } catch (const yaml::ParseError& e) {
    problem = describe_parse_error(e);
  }
  if (problem) lint.crit("cannot parse " + path + ": " + *problem);
}

}  // namespace proof
