#include "build/lock_file.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/file.hpp"

namespace build {

namespace {

using Json = nlohmann::json;

std::string describe(size_t index, const Json& entry) {
  std::string what = "entry " + std::to_string(index + 1);
  for (const char* key : {"item", "package"})
    if (entry.is_object() && entry.contains(key) && entry[key].is_string())
      return what + " (" + entry[key].get<std::string>() + ")";
  return what;
}

[[noreturn]] void fail(const std::string& message) { throw util::BuildError(message); }

std::string required_string(const Json& entry, const char* key, const std::string& where) {
  if (!entry.contains(key)) fail(where + " has no \"" + key + "\"");
  if (!entry[key].is_string()) fail(where + ": \"" + key + "\" must be a string, found " + entry[key].dump());
  return entry[key].get<std::string>();
}

std::optional<std::string> optional_string(const Json& entry, const char* key, const std::string& where) {
  if (!entry.contains(key) || entry[key].is_null()) return std::nullopt;
  if (!entry[key].is_string())
    fail(where + ": \"" + key + "\" must be a string or null, found " + entry[key].dump());
  return entry[key].get<std::string>();
}

std::string without_heads_prefix(std::string branch) {
  const std::string prefix = "refs/heads/";
  if (branch.rfind(prefix, 0) == 0) branch.erase(0, prefix.size());
  return branch;
}

}  // namespace

const LayerLock* LockFile::find(const std::string& item) const {
  for (const auto& lock : layers)
    if (lock.item == item) return &lock;
  return nullptr;
}

LockFile parse_lock_file(const std::string& text) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::parse_error& e) {
    fail(std::string("not valid JSON: ") + e.what());
  }
  if (!json.is_object() || !json.contains("locks") || !json["locks"].is_array())
    fail("expected a JSON object with a \"locks\" list, e.g. {\"locks\": []}");
  LockFile lock;
  const Json& entries = json["locks"];
  for (size_t i = 0; i < entries.size(); ++i) {
    const Json& entry = entries[i];
    std::string where = describe(i, entry);
    if (!entry.is_object()) fail(where + " must be an object, found " + entry.dump());
    std::string type = required_string(entry, "type", where);
    if (type == "layer") {
      LayerLock layer{required_string(entry, "item", where), optional_string(entry, "url", where),
                      optional_string(entry, "branch", where), required_string(entry, "commit", where)};
      std::erase_if(lock.layers, [&](const LayerLock& l) { return l.item == layer.item; });
      lock.layers.push_back(std::move(layer));
    } else if (type == "python_module") {
      PythonModuleLock module{required_string(entry, "package", where), required_string(entry, "version", where),
                              optional_string(entry, "vcs", where), optional_string(entry, "url", where),
                              optional_string(entry, "branch", where)};
      if (module.vcs && *module.vcs != "git")
        fail(where + ": unknown vcs \"" + *module.vcs + "\" (only null and \"git\" are understood)");
      if (module.vcs && !module.url) fail(where + ": a git module needs a \"url\"");
      auto same = [&](const PythonModuleLock& m) { return m.package == module.package; };
      if (auto it = std::find_if(lock.modules.begin(), lock.modules.end(), same); it != lock.modules.end())
        *it = std::move(module);  // a Python dict keeps the first position
      else
        lock.modules.push_back(std::move(module));
    } else {
      lock.ignored.push_back(where + " of type \"" + type + "\"");
    }
  }
  return lock;
}

std::string locked_revision(const LayerLock& lock, UseBranches use_branches) {
  if (use_branches == UseBranches::yes && lock.branch && !lock.branch->empty()) {
    std::string branch = without_heads_prefix(*lock.branch);
    if (branch != "master" && branch != "main") return branch;
  }
  return lock.commit;
}

std::vector<std::string> python_module_lines(const LockFile& lock, UseBranches use_branches) {
  std::vector<std::string> lines;
  for (const auto& module : lock.modules) {
    if (!module.vcs) {
      lines.push_back(module.package + "==" + module.version);
      continue;
    }
    std::string ref = module.version;
    if (use_branches == UseBranches::yes && module.branch && !module.branch->empty())
      ref = without_heads_prefix(*module.branch);
    lines.push_back(*module.url + "@" + ref + "#egg=" + module.package);
  }
  return lines;
}

std::string render_lock_file(const std::vector<Layer>& layers, const std::vector<Layer>& interfaces) {
  nlohmann::ordered_json locks = nlohmann::ordered_json::array();
  auto add = [&](const Layer& layer) {
    nlohmann::ordered_json entry;
    entry["type"] = "layer";
    entry["item"] = layer.url;
    entry["url"] = layer.fetched_url.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(layer.fetched_url);
    entry["vcs"] = nullptr;  // charm-tools never fills it in
    // charm-tools records the revision as the branch (and omits an empty one).
    entry["branch"] = layer.revision.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(layer.revision);
    entry["commit"] = layer.revision;
    locks.push_back(std::move(entry));
  };
  for (const Layer& layer : layers) add(layer);
  for (const Layer& iface : interfaces) add(iface);
  nlohmann::ordered_json document;
  document["locks"] = std::move(locks);
  return document.dump(2, ' ', /*ensure_ascii=*/true);
}

std::optional<LockFile> read_lock_file(const std::filesystem::path& file, const std::filesystem::path& cwd,
                                       Diagnostics& diag) {
  auto text = util::read_file_if_exists(file);
  if (!text) {
    diag.info("The lockfile " + util::display_path(file, cwd) + " was not found; building using latest versions.");
    return std::nullopt;
  }
  try {
    LockFile lock = parse_lock_file(*text);
    for (const auto& entry : lock.ignored)
      diag.warning(util::display_path(file, cwd) + ": ignoring " + entry + ": not a layer or python_module entry");
    diag.info("Using lockfile " + util::display_path(file, cwd) + " for build.");
    return lock;
  } catch (const util::BuildError& e) {
    throw util::BuildError(util::display_path(file, cwd) + ": not a valid lock file: " + e.what() +
                           " (fix or delete it, or build with --ignore-lock-file or --write-lock-file)");
  }
}

void write_lock_file(BuildContext& ctx) {
  fs::path file = ctx.top().dir / "build.lock";
  if (auto old = util::read_file_if_exists(file)) {
    try {
      size_t modules = parse_lock_file(*old).modules.size();
      if (modules > 0)
        ctx.diag.warning(util::display_path(file, ctx.cwd) + ": dropping " + std::to_string(modules) +
                              " python_module entries: charm-build builds no wheels, so it cannot lock Python modules");
    } catch (const util::BuildError&) {
      // A malformed old lock is simply replaced.
    }
  }
  // Written beside the target name and renamed, so a failure never leaves half a lock file.
  fs::path temporary = file;
  temporary += ".tmp";
  util::write_file(temporary, render_lock_file(ctx.layers, ctx.interfaces),
                   (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                    fs::perms::group_write | fs::perms::others_read | fs::perms::others_write) &
                       ~util::current_umask());
  std::error_code ec;
  fs::rename(temporary, file, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw util::BuildError("Unable to write " + util::display_path(file, ctx.cwd) + ": " + ec.message());
  }
}

}  // namespace build
