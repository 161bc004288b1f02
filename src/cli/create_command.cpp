#include "cli/create_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "build/toolchain.hpp"
#include "cli/create_template.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

namespace cli {

namespace fs = std::filesystem;

namespace {

// A mistake in the command line: reported and mapped to exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

fs::path bundled_templates_dir() {
  auto toolchain = build::locate_toolchain(std::nullopt, std::nullopt);
  if (!toolchain || toolchain->templates_dir.empty())
    throw util::BuildError("no charm templates found beside charm-build (" + build::executable_dir().string() +
                           "); reinstall charm-build, or pass -t with the path of a template folder");
  return toolchain->templates_dir;
}

std::string names_of(const std::vector<CharmTemplate>& templates) {
  std::string names;
  for (const auto& t : templates) names += (names.empty() ? "" : ", ") + t.name;
  return names;
}

// -t NAME picks a bundled template; -t PATH (with a '/') a template folder of one's own.
CharmTemplate find_template(const std::string& wanted) {
  if (wanted.find('/') != std::string::npos) {
    std::error_code ec;
    if (!fs::is_directory(wanted, ec)) throw UsageError("template folder " + wanted + " not found");
    return load_template(fs::absolute(wanted).lexically_normal());
  }
  std::vector<CharmTemplate> templates = list_templates(bundled_templates_dir());
  for (auto& t : templates)
    if (t.name == wanted) return t;
  throw UsageError("unknown template '" + wanted + "' (available: " + names_of(templates) +
                   "; `charm-build create --list-templates` describes them)");
}

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string maintainer_for(const CreateCommandLine& line) {
  if (!line.maintainer.empty()) {
    if (auto problem = maintainer_problem(line.maintainer)) throw UsageError("--maintainer " + *problem);
    return line.maintainer;
  }
  std::string from_env = env_or_empty("DEBFULLNAME") + " <" + env_or_empty("DEBEMAIL") + ">";
  if (!maintainer_problem(from_env)) return from_env;
  return "Your Name <you@example.com>";
}

// The current year, or that of $SOURCE_DATE_EPOCH (reproducible output).
std::string current_year() {
  std::time_t now = std::time(nullptr);
  if (std::string epoch = env_or_empty("SOURCE_DATE_EPOCH"); !epoch.empty()) {
    try {
      now = static_cast<std::time_t>(std::stoll(epoch));
    } catch (const std::exception&) {
      throw UsageError("SOURCE_DATE_EPOCH must be seconds since 1970, not '" + epoch + "'");
    }
  }
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  return std::to_string(parts.tm_year + 1900);
}

bool is_empty_directory(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec) && !ec;
}

// Files are written into a hidden folder beside the target and moved into place only when all
// are written, so a failure never leaves a half-made charm; the destructor removes leftovers.
class StagingDir {
 public:
  explicit StagingDir(const fs::path& target)
      : m_dir(target.parent_path() / ("." + target.filename().string() + ".create-" + std::to_string(::getpid()))) {
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  ~StagingDir() {
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
  }
  const fs::path& path() const { return m_dir; }

  void write(const TemplateFile& file) {
    fs::path destination = m_dir / file.relpath;
    fs::create_directories(destination.parent_path());
    fs::perms mode = (file.mode & ~util::current_umask()) | fs::perms::owner_read | fs::perms::owner_write;
    util::write_file(destination, file.content, mode);
  }

  // A missing target becomes the staging folder; an existing empty one (perhaps the shell's
  // current directory) is filled rather than replaced.
  void commit(const fs::path& target) {
    if (!fs::exists(target)) {
      move(m_dir, target);
      return;
    }
    for (const auto& entry : fs::directory_iterator(m_dir)) move(entry.path(), target / entry.path().filename());
  }

 private:
  static void move(const fs::path& from, const fs::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0)
      throw util::BuildError("cannot move " + from.string() + " to " + to.string() + ": " + std::strerror(errno) +
                             (errno == EEXIST || errno == ENOTEMPTY ? " (it appeared while creating the charm)" : ""));
  }

  fs::path m_dir;
};

int print_templates(const CreateCommandLine& line) {
  fs::path dir = bundled_templates_dir();
  std::vector<CharmTemplate> templates = list_templates(dir);
  if (line.format == "json") {
    nlohmann::ordered_json doc;
    doc["templates_dir"] = dir.string();
    doc["default"] = default_template;
    auto list = nlohmann::ordered_json::array();
    for (const auto& t : templates)
      list.push_back({{"name", t.name}, {"description", t.description}, {"path", t.dir.string()}});
    doc["templates"] = list;
    std::printf("%s\n", doc.dump(2).c_str());
    return 0;
  }
  size_t width = 0;
  for (const auto& t : templates) width = std::max(width, t.name.size() + (t.name == default_template ? 10 : 0));
  for (const auto& t : templates) {
    std::string label = t.name + (t.name == default_template ? " (default)" : "");
    std::printf("%-*s  %s\n", static_cast<int>(width), label.c_str(), t.description.c_str());
  }
  return 0;
}

int create_charm(const CreateCommandLine& line) {
  if (line.name.empty()) throw UsageError("create needs the new charm's NAME (or --list-templates)");
  if (auto problem = charm_name_problem(line.name)) throw UsageError(*problem);
  CharmTemplate charm_template = find_template(line.template_name);
  Placeholders values{{"charm_name", line.name}, {"maintainer", maintainer_for(line)}, {"year", current_year()}};

  fs::path target = fs::absolute(line.path.empty() ? fs::path(line.name) : fs::path(line.path)).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "dir/" names dir
  std::string shown = util::display_path(target);
  std::error_code ec;
  if (fs::exists(target, ec) && !is_empty_directory(target))
    throw util::BuildError(shown + (fs::is_directory(target, ec) ? " exists and is not empty" : " exists and is not a directory") +
                           ": move it out of the way, or choose another directory with -p/--path");
  std::vector<TemplateFile> files = render_template(charm_template, values);
  values["charm_dir"] = shown;
  std::vector<std::string> next_steps;  // filled before writing: a bad placeholder stops everything
  for (const auto& step : charm_template.next_steps)
    next_steps.push_back(fill_placeholders(step, values, (charm_template.dir / template_description_file).string()));

  fs::create_directories(target.parent_path());
  StagingDir staging(target);
  for (const auto& file : files) staging.write(file);
  staging.commit(target);

  std::printf("Created charm '%s' in %s from the %s template (%zu files).\n", line.name.c_str(), shown.c_str(),
              charm_template.name.c_str(), files.size());
  if (!next_steps.empty()) std::printf("\nNext steps:\n");
  for (size_t i = 0; i < next_steps.size(); ++i) std::printf("  %zu. %s\n", i + 1, next_steps[i].c_str());
  return 0;
}

}  // namespace

CLI::App* setup_create_command(CLI::App& app, CreateCommandLine& line) {
  CLI::App* cmd = app.add_subcommand("create", "Create a new charm layer from a template");
  cmd->add_option("NAME", line.name, "The charm's name: lower-case letters, digits and dashes (e.g. my-app)");
  cmd->add_option("-p,--path", line.path, "The directory to create (default: ./NAME); it must not exist or be empty");
  cmd->add_option("-t,--template", line.template_name,
                  std::string("A template's name (default: ") + default_template + "), or the path of a template folder");
  cmd->add_option("--maintainer", line.maintainer,
                  "'Name <address>' for metadata.yaml and copyright (default: $DEBFULLNAME <$DEBEMAIL>)");
  CLI::Option* list = cmd->add_flag("--list-templates", line.list_templates, "List the templates and exit");
  cmd->add_option("--format", line.format, "Of --list-templates: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->needs(list);
  cmd->footer(R"(
Examples:
  charm-build create my-app
      a charm layer with C++ handlers (the cpp-reactive template) in ./my-app
  charm-build create my-app -t shell-reactive -p ~/layers/my-app
      one with shell-script handlers, in ~/layers/my-app
  charm-build create my-app && charm-build -o /tmp/charms my-app
      create it, then build it (layer:basic comes with charm-build)
  charm-build create --list-templates --format json

Exit codes: 0 created, 1 the directory exists and is not empty (or cannot be written),
2 bad command line (charm name, template, maintainer).)");
  return cmd;
}

int run_create_command(const CreateCommandLine& line) {
  try {
    return line.list_templates ? print_templates(line) : create_charm(line);
  } catch (const UsageError& e) {
    spdlog::error("{}", e.what());
    return static_cast<int>(util::ExitCode::usage);
  } catch (const fs::filesystem_error& e) {
    throw util::BuildError(std::string(e.what()));
  }
}

}  // namespace cli
