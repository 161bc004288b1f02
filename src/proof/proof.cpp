// The proof driver: charm-tools' Charm.proof as a list of stages, in upstream's order.
#include "proof/proof.hpp"

#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "proof/lint.hpp"
#include "proof/python_text.hpp"
#include "proof/yaml11.hpp"

namespace proof {

namespace {

// os.path.abspath: absolute, lexically normal, no trailing separator.
std::string absolute_path(const fs::path& path) {
  std::string text = fs::absolute(path).lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

std::optional<std::string> read_text(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Python's qualified type name, as its exception messages print it.
std::string py_qualified_type(const yaml::Value& value) {
  std::string name = py_type_name(value);
  return name == "date" || name == "datetime" ? "datetime." + name : name;
}

// dict.update(value) into `into`; returns Python's error message when it raises (pairs added
// before the error stay, as in Python).
std::optional<std::string> dict_update(yaml::Value& into, const yaml::Value& value) {
  using Kind = yaml::Value::Kind;
  auto element_error = [](size_t i, size_t length) {
    return "dictionary update sequence element #" + std::to_string(i) + " has length " + std::to_string(length) +
           "; 2 is required";
  };
  switch (value.kind()) {
    case Kind::mapping:
      for (const auto& [k, v] : value.entries()) into.set(k, v);
      return std::nullopt;
    case Kind::string:
      if (value.text().empty()) return std::nullopt;
      return element_error(0, 1);
    case Kind::sequence:
      for (size_t i = 0; i < value.items().size(); ++i) {
        const yaml::Value& item = value.items()[i];
        if (item.is_sequence() && item.size() == 2) {
          if (!item.items()[0].is_scalar()) return "unhashable type: '" + py_type_name(item.items()[0]) + "'";
          into.set(item.items()[0], item.items()[1]);
        } else if (item.is_mapping() && item.size() == 2) {
          into.set(item.entries()[0].first, item.entries()[1].first);
        } else if (item.is_sequence() || item.is_mapping()) {
          return element_error(i, item.size());
        } else if (item.is_string()) {
          if (py_len(item.text()) != 2) return element_error(i, py_len(item.text()));
          size_t second = 1;
          while (second < item.text().size() && (static_cast<unsigned char>(item.text()[second]) & 0xC0) == 0x80) ++second;
          into.set(yaml::Value::string(item.text().substr(0, second)), yaml::Value::string(item.text().substr(second)));
        } else {
          return "cannot convert dictionary update sequence element #" + std::to_string(i) + " to a sequence";
        }
      }
      return std::nullopt;
    default:
      return "'" + py_qualified_type(value) + "' object is not iterable";
  }
}

// layer.yaml's `proof:` section, which lets layers declare extra storage/devices/... fields.
// A layer.yaml that cannot be opened is ignored; one that cannot be used is a warning.
yaml::Value load_proof_extensions(const Charm& charm, Linter& lint) {
  yaml::Value extensions = yaml::Value::mapping();
  std::string path = charm.path("layer.yaml");
  std::optional<std::string> text = read_text(path);
  if (!text) return extensions;
  std::optional<std::string> problem;
  try {
    yaml::Value layer = load_yaml11(*text);
    if (!layer.is_mapping()) {
      problem = "'" + py_qualified_type(layer) + "' object has no attribute 'get'";
    } else if (const yaml::Value* section = layer.find("proof")) {
      problem = dict_update(extensions, *section);
    }
  } catch (const yaml::ParseError& e) {
    problem = describe_parse_error(e);
  }
  if (problem) lint.warn("cannot parse " + path + ": " + *problem);
  return extensions;
}

void run_checks(const std::string& dir, Linter& lint) {
  Charm charm;
  charm.dir = dir;
  std::string metadata_path = charm.path("metadata.yaml");
  if (std::optional<std::string> text = read_text(metadata_path)) {
    try {
      charm.metadata = load_yaml11(*text);
    } catch (const yaml::ParseError& e) {
      lint.crit("cannot parse " + metadata_path + ":" + describe_parse_error(e));
      return;  // nothing else is checked
    }
    if (!charm.metadata.is_mapping())
      throw Abort(metadata_path + ": must be a mapping of metadata fields, not " + py_type_name(charm.metadata));
    charm.extensions = load_proof_extensions(charm, lint);
    const yaml::Value* subordinate = charm.metadata.find("subordinate");
    charm.subordinate = subordinate && subordinate->truthy();

    check_metadata(charm, lint);           // metadata.yaml fields and schemas
    check_files(charm, lint);              // icon.svg, hooks/, copyright, README
    check_relations(charm, lint);          // subordinate, provides, requires, peers
    check_metadata_revision(charm, lint);  // a `revision` key
    check_recommended_hooks(charm, lint);  // install, start, stop, config-changed
    check_actions(charm, lint);            // actions.yaml or functions.yaml
  } else {
    // Upstream's IOError branch. (It also sets the exit code to -1, which only the next W or E
    // line raises again; here an E line always means 200.)
    lint.err("could not find metadata file for " + dir);
  }
  check_leftover_files(dir, lint);  // tests/00-autogen, revision
  check_config(dir, lint);          // config.yaml
}

}  // namespace

std::string join_path(const std::string& dir, std::string_view name) {
  if (dir.empty() || dir.back() == '/') return dir + std::string(name);
  return dir + "/" + std::string(name);
}

std::string Charm::path(std::string_view name) const { return join_path(dir, name); }

int ProofResult::exit_code() const {
  int code = 0;
  for (const auto& finding : findings) {
    if (finding.level == Level::error) return 200;
    if (finding.level == Level::warning) code = 100;
  }
  return code;
}

const char* level_name(Level level) {
  switch (level) {
    case Level::info: return "info";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "error";
}

std::string format_finding(const Finding& f) {
  switch (f.level) {
    case Level::info: return "I: " + f.message;
    case Level::warning: return "W: " + f.message;
    case Level::error: return "E: " + f.message;
  }
  return f.message;
}

ProofResult proof_charm(const fs::path& charm_dir) {
  std::string dir = absolute_path(charm_dir);
  std::error_code ec;
  if (!fs::exists(dir, ec) || ::access(dir.c_str(), R_OK) != 0) throw std::runtime_error("Unable to read from " + dir);
  Linter lint;
  if (!fs::is_regular_file(join_path(dir, "metadata.yaml"), ec)) {
    // Upstream would try a bundle here; charm-build proofs charms only.
    lint.crit("No bundle.yaml (Bundle) or metadata.yaml (Charm) found, cannot proof");
    return {lint.take()};
  }
  try {
    run_checks(dir, lint);
  } catch (const Abort& e) {
    lint.crit(e.what());
  }
  return {lint.take()};
}

}  // namespace proof
