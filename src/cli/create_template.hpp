// Charm templates for `charm-build create`: a folder whose files are copied into a new charm,
// with `{{placeholder}}` fields filled in, in contents and in file names (templates/README.md).
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

// The file that describes a template; it is not copied.
inline constexpr const char* template_description_file = "template.yaml";

struct CharmTemplate {
  std::string name;                     // the folder's name, e.g. "cpp-reactive"
  std::string description;              // one line
  std::vector<std::string> next_steps;  // printed after creating, placeholders not yet filled
  std::filesystem::path dir;
};

// Reads DIR/template.yaml; throws BuildError naming the file when it is missing or malformed.
CharmTemplate load_template(const std::filesystem::path& dir);

// Every sub-folder of templates_dir that holds a template.yaml, sorted by name.
std::vector<CharmTemplate> list_templates(const std::filesystem::path& templates_dir);

// Why `name` cannot name a charm (Juju's rule: lower-case letters and digits in words joined by
// single dashes, starting with a letter, no word only digits), or nullopt when it can.
std::optional<std::string> charm_name_problem(std::string_view name);

// Why `maintainer` is not "Name <address>" as proof wants it, or nullopt when it is.
std::optional<std::string> maintainer_problem(std::string_view maintainer);

using Placeholders = std::map<std::string, std::string>;  // "charm_name" -> "my-app"

// `text` with every {{key}} of `values` replaced. Any other {{lower_case_word}} is a misspelt
// placeholder: BuildError "WHERE:LINE: unknown placeholder ...". Other braces are left alone.
std::string fill_placeholders(std::string_view text, const Placeholders& values, const std::string& where);

struct TemplateFile {
  std::filesystem::path relpath;  // placeholders filled in
  std::string content;            // placeholders filled in
  std::filesystem::perms mode;    // the template file's permission bits
};

// Every file of the template except template.yaml, filled in, sorted by path. Two files that
// end up with the same path are an error.
std::vector<TemplateFile> render_template(const CharmTemplate& charm_template, const Placeholders& values);

}  // namespace cli
