// metadata.yaml fields (charms.py: validate_metadata_keys, validate_display_name,
// validate_maintainer, validate_categories_and_tags, validate_series, ...).
#include <array>
#include <cmath>
#include <regex>

#include "proof/lint.hpp"
#include "proof/python_text.hpp"

namespace proof {

namespace {

constexpr std::array<std::string_view, 23> known_metadata_keys = {
    "name",     "display-name", "summary", "docs",     "maintainer",     "maintainers", "min-juju-version", "description",
    "categories", "subordinate", "provides", "requires", "format",        "peers",       "tags",             "series",
    "storage",  "extra-bindings", "payloads", "terms",  "resources",      "devices",     "deployment"};

bool is_known_key(const yaml::Value& key) {
  if (!key.is_string()) return false;
  for (auto known : known_metadata_keys)
    if (key.text() == known) return true;
  return false;
}

void validate_metadata_keys(const yaml::Value& metadata, Linter& lint) {
  for (const auto& [key, value] : metadata.entries())
    if (!is_known_key(key)) lint.info("Unknown root metadata field (" + py_str(key) + ")");
  for (const char* key : {"name", "summary"})
    if (!metadata.find(key)) lint.err(std::string("Missing required metadata field (") + key + ")");
}

void check_name(const Charm& charm, Linter& lint) {
  const yaml::Value* name = charm.metadata.find("name");
  std::string basename = charm.dir.substr(charm.dir.rfind('/') + 1);
  if (name && name->is_string() && name->text() == basename) return;
  lint.info("metadata name (" + (name ? py_str(*name) : "None") + ") must match directory name (" + basename +
            ") exactly for local deployment.");
}

void check_summary(const yaml::Value& metadata, Linter& lint) {
  const yaml::Value* summary = metadata.find("summary");
  if (!summary) return;
  size_t length;
  if (summary->is_string())
    length = py_len(summary->text());
  else if (summary->is_sequence() || summary->is_mapping())
    length = summary->size();
  else
    throw Abort("summary must be a string, not " + py_type_name(*summary));
  if (length > 72) lint.warn("summary should be less than 72");
}

// Kept in sync with juju/names by upstream: words separated by single spaces.
void validate_display_name(const yaml::Value& metadata, Linter& lint) {
  const yaml::Value* display_name = metadata.find("display-name");
  if (!display_name) {
    lint.info("`display-name` not provided, add for custom naming in the UI");
    return;
  }
  if (!display_name->is_string()) throw Abort("display-name must be a string, not " + py_type_name(*display_name));
  static const std::regex pattern(R"(^[A-Za-z0-9]+( [-A-Za-z0-9_]|[-A-Za-z0-9_])*$)");
  if (!py_match_to_end(pattern, display_name->text()))
    lint.err("display-name: not in valid format. Only letters, numbers, dashes, and hyphens are permitted.");
}

void validate_maintainer(const yaml::Value& metadata, Linter& lint) {
  const yaml::Value* maintainer = metadata.find("maintainer");
  const yaml::Value* maintainers = metadata.find("maintainers");
  if (maintainer && maintainers) {
    lint.err("Charm must not have both maintainer and maintainers fields");
    return;
  }
  if (!maintainer && !maintainers) {
    lint.err("Charm must have either a maintainer or maintainers field");
    return;
  }
  std::vector<yaml::Value> entries;
  if (maintainer) {
    if (maintainer->is_sequence()) {
      lint.err("Maintainer field must not be a list");
      return;
    }
    entries.push_back(*maintainer);
  } else {
    if (!maintainers->is_sequence()) {
      lint.err("Maintainers field must be a list");
      return;
    }
    entries = maintainers->items();
  }
  for (const auto& entry : entries)
    if (!has_name_and_address(entry))
      lint.warn("Maintainer format should be \"Name <Email>\", not \"" + py_str(entry) + "\"");
}

void validate_categories_and_tags(const yaml::Value& metadata, Linter& lint) {
  const yaml::Value* categories = metadata.find("categories");
  const yaml::Value* tags = metadata.find("tags");
  if (!categories && !tags) {
    lint.warn("Metadata missing required field \"tags\"");
    return;
  }
  if (tags && (!tags->is_sequence() || tags->size() == 0))
    lint.warn("Metadata field \"tags\" must be a non-empty list");
  if (categories) {
    if (!categories->is_sequence() || categories->size() == 0)
      lint.warn("Categories metadata must be a list of one or more of: applications, app-servers, databases, "
                "file-servers, cache-proxy, misc");
    lint.warn("Categories are being deprecated in favor of tags. Please rename the \"categories\" field to \"tags\".");
  }
}

void validate_series(const yaml::Value& metadata, Linter& lint) {
  // Info, not a warning: upstream does not want it to fail builds. The missing space is upstream's.
  if (metadata.find("series")) lint.info("DEPRECATED: series parameter is ignored by charmcraft,use bases in charmcraft.yaml");
}

void validate_min_juju_version(const yaml::Value& metadata, Linter& lint) {
  const yaml::Value* version = metadata.find("min-juju-version");
  if (!version) return;
  // re.match: anchored at the start only.
  static const std::regex pattern(R"(^(\d{1,9})\.(\d{1,9})(?:\.|-([a-z]+))(\d{1,9})(\.\d{1,9})?)");
  std::string text = py_str(*version);
  std::smatch match;
  if (!std::regex_search(text, match, pattern)) {
    lint.err("min-juju-version: invalid format, try X.Y.Z");
    return;
  }
  if (std::stoll(match[1].str()) < 2) lint.err("min-juju-version: invalid version, must be 2.0.0 or greater");
}

void validate_extra_bindings(const yaml::Value& metadata, Linter& lint) {
  const yaml::Value* bindings = metadata.find("extra-bindings");
  if (bindings && !bindings->is_mapping()) lint.err("extra-bindings: must be a dictionary");
}

void validate_terms(const yaml::Value& metadata, Linter& lint) {
  const yaml::Value* terms = metadata.find("terms");
  if (terms && !terms->is_sequence()) lint.err("terms: must be a list of term ids");
}

}  // namespace

void check_metadata(const Charm& charm, Linter& lint) {
  const yaml::Value& metadata = charm.metadata;
  validate_metadata_keys(metadata, lint);
  check_name(charm, lint);
  check_summary(metadata, lint);
  validate_display_name(metadata, lint);
  validate_maintainer(metadata, lint);
  validate_categories_and_tags(metadata, lint);
  validate_storage(charm, lint);
  validate_devices(charm, lint);
  validate_series(metadata, lint);
  validate_min_juju_version(metadata, lint);
  validate_extra_bindings(metadata, lint);
  validate_payloads(charm, lint);
  validate_terms(metadata, lint);
  validate_resources(charm, lint);
  validate_deployment(charm, lint);
}

void check_metadata_revision(const Charm& charm, Linter& lint) {
  const yaml::Value* revision = charm.metadata.find("revision");
  if (!revision) return;
  lint.warn("Revision should not be stored in metadata.yaml anymore. Move it to the revision file");
  // int(revision) must work and not be negative.
  using Kind = yaml::Value::Kind;
  bool valid = false;
  switch (revision->kind()) {
    case Kind::boolean: valid = true; break;
    case Kind::integer: valid = revision->text()[0] != '-'; break;
    case Kind::floating: {
      double value = revision->as_double();
      if (std::isinf(value)) throw Abort("revision: cannot convert float infinity to integer");
      valid = !std::isnan(value) && std::trunc(value) >= 0;
      break;
    }
    case Kind::string: valid = py_int_of_text(revision->text()) == PyInt::non_negative; break;
    default: break;  // None, lists, dicts, dates: TypeError
  }
  if (!valid) lint.warn("revision should be a positive integer");
}

}  // namespace proof
