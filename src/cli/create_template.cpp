#include "cli/create_template.hpp"

#include <algorithm>

#include "util/error.hpp"
#include "util/file.hpp"
#include "yaml/load.hpp"

namespace cli {

namespace fs = std::filesystem;

namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string describe_problem(const fs::path& file, const std::string& problem) {
  return file.string() + ": " + problem + " (templates/README.md describes template.yaml)";
}

}  // namespace

CharmTemplate load_template(const fs::path& dir) {
  fs::path file = dir / template_description_file;
  std::optional<std::string> text = util::read_file_if_exists(file);
  if (!text) throw util::BuildError(describe_problem(file, "not found: a template folder needs one"));
  yaml::Value doc;
  try {
    doc = yaml::load(*text);
  } catch (const yaml::ParseError& e) {
    throw util::BuildError(yaml::format_parse_error(file.string(), *text, e));
  }
  CharmTemplate result;
  result.name = dir.filename().string();
  result.dir = dir;
  const yaml::Value* description = doc.is_mapping() ? doc.find("description") : nullptr;
  if (!description || !description->is_string())
    throw util::BuildError(describe_problem(file, "'description' must be a one-line string"));
  result.description = description->text();
  if (const yaml::Value* steps = doc.find("next-steps")) {
    if (!steps->is_sequence()) throw util::BuildError(describe_problem(file, "'next-steps' must be a list of strings"));
    for (const auto& step : steps->items()) {
      if (!step.is_string()) throw util::BuildError(describe_problem(file, "'next-steps' must be a list of strings"));
      result.next_steps.push_back(step.text());
    }
  }
  return result;
}

std::vector<CharmTemplate> list_templates(const fs::path& templates_dir) {
  std::vector<CharmTemplate> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(templates_dir, ec)) {
    std::error_code kind_ec;
    if (entry.is_directory(kind_ec) && fs::exists(entry.path() / template_description_file, kind_ec))
      found.push_back(load_template(entry.path()));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return found;
}

std::optional<std::string> charm_name_problem(std::string_view name) {
  std::string quoted = "'" + std::string(name) + "'";
  if (name.empty() || !is_lower(name[0]))
    return "Charm name must start with a lower-case letter: " + quoted;
  size_t word_start = 0;
  bool word_has_letter = false;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '-') {
      if (i == word_start) return "Charm name " + quoted + " has an empty word: use single dashes, not at the end";
      if (!word_has_letter) return "Charm name " + quoted + " has a word of digits only ('" +
                                   std::string(name.substr(word_start, i - word_start)) +
                                   "'): Juju needs a letter in every dash-separated word";
      word_start = i + 1;
      word_has_letter = false;
    } else if (is_lower(name[i])) {
      word_has_letter = true;
    } else if (!is_digit(name[i])) {
      return "Charm name " + quoted + " may only hold lower-case letters, digits and dashes (e.g. my-app2)";
    }
  }
  return std::nullopt;
}

std::optional<std::string> maintainer_problem(std::string_view maintainer) {
  std::string problem = "must look like 'Name <address@example.com>', not '" + std::string(maintainer) + "'";
  size_t open = maintainer.find(" <");
  if (open == std::string_view::npos || open == 0 || maintainer.back() != '>') return problem;
  std::string_view address = maintainer.substr(open + 2, maintainer.size() - open - 3);
  if (address.find('@') == std::string_view::npos || address.find_first_of("<> \t") != std::string_view::npos)
    return problem;
  // The value is written inside a double-quoted YAML string.
  if (maintainer.find_first_of("\"\\\n\r") != std::string_view::npos) return problem + " (no quotes or backslashes)";
  return std::nullopt;
}

std::string fill_placeholders(std::string_view text, const Placeholders& values, const std::string& where) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t key_start = open + 2, key_end = key_start;
    while (key_end < text.size() && (is_lower(text[key_end]) || text[key_end] == '_')) ++key_end;
    bool is_placeholder = key_end > key_start && text.substr(key_end, 2) == "}}";
    out.append(text.substr(pos, open - pos));
    if (!is_placeholder) {  // C++ braces, shell ${{...}}: not ours
      out.push_back('{');
      pos = open + 1;
      continue;
    }
    std::string key(text.substr(key_start, key_end - key_start));
    auto value = values.find(key);
    if (value == values.end()) {
      size_t line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(open), '\n');
      std::string known;
      for (const auto& [name, _] : values) known += (known.empty() ? "" : ", ") + ("{{" + name + "}}");
      throw util::BuildError(where + ":" + std::to_string(line) + ": unknown placeholder {{" + key + "}} (known: " +
                             known + ")");
    }
    out.append(value->second);
    pos = key_end + 2;
  }
  out.append(text.substr(pos));
  return out;
}

std::vector<TemplateFile> render_template(const CharmTemplate& charm_template, const Placeholders& values) {
  std::vector<TemplateFile> files;
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(charm_template.dir, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    fs::path relpath = it->path().lexically_relative(charm_template.dir);
    if (relpath == template_description_file || !it->is_regular_file()) continue;
    std::string where = (charm_template.dir / relpath).string();
    TemplateFile file;
    file.relpath = fs::path(fill_placeholders(relpath.string(), values, where)).lexically_normal();
    if (file.relpath.is_absolute() || *file.relpath.begin() == "..")
      throw util::BuildError(where + ": the file name leaves the charm once filled in: " + file.relpath.string());
    file.content = fill_placeholders(util::read_file(it->path()), values, where);
    file.mode = it->status().permissions();
    files.push_back(std::move(file));
  }
  if (ec) throw util::BuildError("cannot read template " + charm_template.dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.relpath < b.relpath; });
  for (size_t i = 1; i < files.size(); ++i)
    if (files[i].relpath == files[i - 1].relpath)
      throw util::BuildError("template " + charm_template.dir.string() + ": two files become " +
                             files[i].relpath.string());
  return files;
}

}  // namespace cli
