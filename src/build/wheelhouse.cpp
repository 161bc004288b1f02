#include "build/wheelhouse.hpp"

#include <regex>
#include <set>

#include "build/render_common.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

namespace build {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string::npos ? text.size() : nl;
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

// pip compares names after folding runs of other characters to '-'; charm-tools keeps case.
std::string normalise(const std::string& name) {
  static const std::regex runs("[^A-Za-z0-9.]+");
  return std::regex_replace(name, runs, "-");
}

}  // namespace

std::optional<std::string> requirement_name(const std::string& raw) {
  std::string line = raw;
  size_t first = line.find_first_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  line = line.substr(first);
  if (line[0] == '#' || line[0] == '-') return std::nullopt;
  static const std::regex egg("#(?:[^#]*&)?egg=([A-Za-z0-9][A-Za-z0-9._-]*)");  // any fragment parameter
  std::smatch m;
  if (std::regex_search(line, m, egg)) return normalise(m[1]);
  static const std::regex url("^(?:[a-z][a-z0-9+.-]*://|git\\+|hg\\+|svn\\+|bzr\\+)");
  if (std::regex_search(line, url))
    throw util::BuildError("Unable to determine package name for \"" + raw + "\"; did you forget \"#egg=...\"?");
  size_t comment = line.find(" #");
  if (comment != std::string::npos) line = line.substr(0, comment);
  static const std::regex project("^([A-Za-z0-9][A-Za-z0-9._-]*)");
  if (std::regex_search(line, m, project)) return normalise(m[1]);
  throw util::BuildError("Unable to determine package name for \"" + raw + "\"; did you forget \"#egg=...\"?");
}

void RequirementLines::combine(const std::string& url, const std::vector<std::string>& lines, bool header) {
  std::set<std::string> overridden;
  for (const auto& line : lines)
    if (auto name = requirement_name(line)) overridden.insert(*name);
  for (auto& existing : m_lines) {
    auto name = requirement_name(existing);
    if (name && overridden.count(*name)) existing = "# " + existing + "  # overridden by " + url;
  }
  if (header) m_lines.push_back("# " + url);
  m_lines.insert(m_lines.end(), lines.begin(), lines.end());
  if (header) m_lines.push_back("");
}

void render_wheelhouse(BuildContext& ctx) {
  const PlanEntry* entry = ctx.plan.find("wheelhouse.txt");
  bool has_layers = entry && entry->tactic == Tactic::wheelhouse && !entry->contributions.empty();
  bool has_lock = !ctx.lock_wheelhouse_lines.empty();
  if ((!has_layers && !has_lock && !ctx.options.wheelhouse_overrides) || ctx.options.no_wheelhouse_file) return;
  RequirementLines requirements, constraints;
  std::string owner;
  try {
    if (has_layers) {
      for (const Contribution& c : entry->contributions) {
        const Layer& layer = ctx.layers[c.layer_index];
        requirements.combine(layer.url, split_lines(util::read_file(c.source)), true);
        // A constraints file is read only beside a wheelhouse.txt.
        if (auto text = util::read_file_if_exists(fs::path(c.source).parent_path() / "wheelhouse-constraints.txt"))
          constraints.combine(layer.url, split_lines(*text), true);
        owner = layer.url;
      }
    }
    if (has_lock) {
      // build.lock's python modules combine as a pseudo-layer, without a header line. (Upstream
      // also reads a wheelhouse-constraints.txt from the cwd here, a path bug not copied.)
      requirements.combine("lockfile-wheelhouse", ctx.lock_wheelhouse_lines, false);
      owner = "lockfile-wheelhouse";
    }
    if (ctx.options.wheelhouse_overrides) {
      const fs::path& file = *ctx.options.wheelhouse_overrides;
      requirements.combine("--wheelhouse-overrides", split_lines(util::read_file(file)), true);
      // As for layers, a constraints file beside the overrides file is merged too.
      if (auto text = util::read_file_if_exists(file.parent_path() / "wheelhouse-constraints.txt"))
        constraints.combine("--wheelhouse-overrides", split_lines(*text), true);
      owner = "--wheelhouse-overrides";
    }
  } catch (const util::BuildError& e) {
    ctx.diag.error(e.what());
    return;
  }
  std::string text;
  for (const auto& line : requirements.lines()) text += line + "\n";
  bool constrains_setuptools = false;
  for (const auto& line : constraints.lines())
    if (requirement_name(line) == std::optional<std::string>("setuptools")) constrains_setuptools = true;
  std::string constraints_text;
  for (const auto& line : constraints.lines()) constraints_text += line + "\n";
  if (constraints.empty())
    constraints_text = "setuptools<82\n";
  else if (!constrains_setuptools)
    constraints_text += "# Default constraints\nsetuptools<82\n\n";
  OutputFile wheelhouse = generated_file(text, owner);
  OutputFile constraints_file = generated_file(constraints_text, owner);
  wheelhouse.keep_existing_mode = constraints_file.keep_existing_mode = false;  // replaced, not rewritten
  ctx.output.put("wheelhouse.txt", std::move(wheelhouse));
  ctx.output.put("wheelhouse-constraints.txt", std::move(constraints_file));
  ctx.diag.warning("no wheelhouse/ is built: if this charm runs Python reactive code, add its wheels before deploying");
}

}  // namespace build
