#include "build/fetch_git.hpp"

#include <unistd.h>

#include <algorithm>
#include <regex>

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/process.hpp"

namespace build {

namespace {

constexpr std::chrono::seconds network_timeout{300};
constexpr std::chrono::seconds local_timeout{600};  // a safety net only: checkouts of big trees take a while

std::string trim(const std::string& s) {
  size_t start = s.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  return s.substr(start, s.find_last_not_of(" \t\r\n") - start + 1);
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// A known host's forms (charm-tools' fetcher patterns): the repository path after the prefix.
struct HostForm {
  std::regex pattern;
  std::string canonical;  // https base the repository path is appended to; "" when unsupported
  const char* unsupported;
};

const std::vector<HostForm>& host_forms() {
  static const std::vector<HostForm> forms{
      {std::regex(R"(^(lp:|launchpad:|https?://((code|www)\.)?launchpad\.net/|bzr\+ssh://[^/]+/)([^@]*)(@(.*))?$)"), "",
       "Bazaar branches are not supported; only git repositories can be fetched"},
      {std::regex(R"(^(gh:|github:|https?://(www\.)?github\.com/|git@github\.com:)([^@]*)(@(.*))?$)"),
       "https://github.com/", nullptr},
      {std::regex(R"(^(https://(www\.)?opendev\.org/|git@opendev\.org:)([^@]*)(@(.*))?$)"), "https://opendev.org/",
       nullptr},
      {std::regex(R"(^(bb:|bitbucket:|https?://(www\.)?bitbucket\.org/)([^@]*)(@(.*))?$)"), "https://bitbucket.org/",
       nullptr},
      // charm-tools' pattern here, (git:|https)?://, misses git://git.launchpad.net; accept it.
      {std::regex(R"(^((git|https)://git\.launchpad\.net/)([^@]*)(@(.*))?$)"), "https://git.launchpad.net/", nullptr},
  };
  return forms;
}

// "URL@REV" for generic URLs: the last '@' counts only after the last '/' and after the
// first ':', so that git@host:path and https://user@host/path keep their user part.
GitSource split_revision(const std::string& include) {
  size_t at = include.rfind('@');
  size_t slash = include.rfind('/');
  size_t colon = include.find(':');
  if (at != std::string::npos && (slash == std::string::npos || at > slash) &&
      (colon == std::string::npos || at > colon))
    return {include.substr(0, at), include.substr(at + 1)};
  return {include, ""};
}

bool is_full_commit(const std::string& rev) {
  return rev.size() == 40 && std::all_of(rev.begin(), rev.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

util::ProcessOptions git_options(std::chrono::seconds timeout) {
  util::ProcessOptions options;
  options.timeout = timeout;
  options.env = {{"GIT_TERMINAL_PROMPT", "0"},  // fail rather than wait for a password
                 {"GIT_DIR", std::nullopt},     // a caller's repository must not leak in (git hooks set these)
                 {"GIT_WORK_TREE", std::nullopt},
                 {"GIT_INDEX_FILE", std::nullopt},
                 {"GIT_OBJECT_DIRECTORY", std::nullopt},
                 {"GIT_COMMON_DIR", std::nullopt}};
  if (!std::getenv("GIT_SSH_COMMAND") && !std::getenv("GIT_SSH"))
    options.env.emplace_back("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=30");
  return options;
}

struct GitRun {
  bool ok;
  std::string output;
};

GitRun git(const std::vector<std::string>& args, const fs::path& cwd, std::chrono::seconds timeout) {
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = util::run_process(argv, cwd, git_options(timeout));
  if (result.exit_code == -1) throw util::BuildError("the git command is not installed; it is needed to fetch remote layers");
  if (result.timed_out)
    return {false, "git " + args.front() + " did not finish within " + std::to_string(timeout.count()) + " seconds"};
  return {result.exit_code == 0, trim(result.output)};
}

// Git's messages on lines of their own, indented under ours; blank lines dropped.
std::string indent(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = trim(text.substr(start, end - start));
    if (!line.empty()) out += "\n    " + line;
    start = end + 1;
  }
  return out;
}

}  // namespace

bool is_remote_include(const std::string& include) {
  static const char* prefixes[] = {"gh:", "github:", "bb:", "bitbucket:", "lp:", "launchpad:", "cs:", "bundle:",
                                   "git@", "git:", "git+"};
  if (include.find("://") != std::string::npos) return true;
  if (include.size() > 4 && include.compare(include.size() - 4, 4, ".git") == 0) return true;
  if (include.find(".git@") != std::string::npos) return true;
  return std::any_of(std::begin(prefixes), std::end(prefixes), [&](const char* p) { return starts_with(include, p); });
}

RemoteInclude parse_remote_include(const std::string& include) {
  if (starts_with(include, "cs:") || starts_with(include, "bundle:"))
    return {std::nullopt, "the charm store is gone; include the layer by path, layer: name or git URL instead"};
  for (const HostForm& form : host_forms()) {
    std::smatch m;
    if (!std::regex_match(include, m, form.pattern)) continue;
    if (form.unsupported) return {std::nullopt, form.unsupported};
    std::string repo = m[m.size() - 3];
    std::string url = form.canonical + repo;
    if (form.canonical == "https://bitbucket.org/" && !url.ends_with(".git"))
      return {std::nullopt, "Mercurial repositories are not supported; a Bitbucket git URL ends in .git"};
    return {GitSource{url, m[m.size() - 1]}, ""};
  }
  GitSource source = split_revision(include);
  if (source.url.empty()) return {std::nullopt, "no repository URL before the @"};
  return {source, ""};
}

std::optional<fs::path> fetch_cache_root(const std::optional<fs::path>& option, const std::optional<std::string>& env,
                                         const std::optional<std::string>& home, const fs::path& cwd) {
  std::optional<fs::path> dir = option;
  if (!dir && env && !env->empty()) dir = *env;
  if (!dir && home && !home->empty()) dir = fs::path(*home) / ".cache" / "charm";
  if (!dir) return std::nullopt;
  return (dir->is_absolute() ? *dir : cwd / *dir).lexically_normal();
}

std::string cache_key(const std::string& url) {
  std::string base = url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.ends_with(".git")) base.resize(base.size() - 4);
  if (base.ends_with("/.git")) base.resize(base.size() - 5);
  size_t cut = base.find_last_of("/:");
  if (cut != std::string::npos) base = base.substr(cut + 1);
  for (char& c : base)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  if (base.empty() || base[0] == '.') base = "repo" + base;
  return base + "-" + util::sha256_hex(url).substr(0, 12);
}

GitCache::GitCache(fs::path root, fs::path cwd, Diagnostics& diag)
    : m_root(std::move(root)), m_cwd(std::move(cwd)), m_diag(diag) {}

Checkout GitCache::checkout(const GitSource& source) {
  std::string memo = source.url + "@" + source.revision;
  if (auto it = m_done.find(memo); it != m_done.end()) return it->second;
  if (starts_with(source.revision, "-"))
    throw util::BuildError("Unable to fetch " + source.url + ": '" + source.revision + "' is not a revision");
  fs::path mirror = mirror_for(source.url);
  std::string commit = resolve(mirror, source);
  Checkout result{snapshot(mirror, source.url, commit), commit};
  m_done[memo] = result;
  return result;
}

// The mirror clone of `url`, cloned into a temporary name and renamed, so that an interrupted
// clone never looks like a cached one.
fs::path GitCache::mirror_for(const std::string& url) {
  fs::path mirror = m_root / "repos" / (cache_key(url) + ".git");
  std::error_code ec;
  if (fs::is_directory(mirror, ec)) return mirror;
  fs::create_directories(mirror.parent_path(), ec);
  if (ec) throw util::BuildError("Unable to create the cache directory " + mirror.parent_path().string() + ": " + ec.message());
  fs::path partial = mirror;
  partial += ".partial-" + std::to_string(::getpid());
  fs::remove_all(partial, ec);
  m_diag.info("Cloning " + url + " into " + util::display_path(mirror, m_cwd));
  GitRun clone = git({"clone", "--quiet", "--mirror", "--", url, partial.string()}, m_cwd, network_timeout);
  if (!clone.ok) {
    fs::remove_all(partial, ec);
    throw util::BuildError("Unable to fetch " + url + ": git clone failed:" + indent(clone.output));
  }
  fs::rename(partial, mirror, ec);
  if (ec) fs::remove_all(partial, ec);  // another build cloned it meanwhile: use theirs
  m_fresh.insert(url);
  return mirror;
}

// The commit `source.revision` names. A commit id already in the cache needs no network;
// a branch, tag or the default head is fetched again once per build.
std::string GitCache::resolve(const fs::path& mirror, const GitSource& source) {
  const std::string& rev = source.revision;
  auto lookup = [&](const std::string& name) -> std::optional<std::string> {
    GitRun parsed = git({"rev-parse", "--verify", "--quiet", name + "^{commit}"}, mirror, local_timeout);
    if (parsed.ok && !parsed.output.empty()) return parsed.output;
    return std::nullopt;
  };
  if (is_full_commit(rev))
    if (auto commit = lookup(rev)) return *commit;
  if (!m_fresh.count(source.url) && !m_stale.count(source.url)) {
    m_diag.info("Updating the cached clone of " + source.url);
    GitRun fetch = git({"fetch", "--quiet", "--prune", "--force", "origin"}, mirror, network_timeout);
    if (fetch.ok) {
      m_fresh.insert(source.url);
    } else {
      m_stale[source.url] = fetch.output;
      m_diag.warning("Unable to update " + source.url + "; using the cached clone in " +
                     util::display_path(mirror, m_cwd) + ". git fetch said:" + indent(fetch.output));
    }
  }
  if (auto commit = lookup(rev.empty() ? std::string("HEAD") : rev)) return *commit;
  // A commit no ref reaches any more: servers that allow it hand it out by id.
  if (is_full_commit(rev) && !m_stale.count(source.url) &&
      git({"fetch", "--quiet", "origin", rev}, mirror, network_timeout).ok)
    if (auto commit = lookup(rev)) return *commit;
  std::string why = rev.empty() ? "it has no default branch to check out"
                                : "it has no branch, tag or commit '" + rev + "'";
  if (auto stale = m_stale.find(source.url); stale != m_stale.end())
    why += " in the cache, and fetching it again failed:" + indent(stale->second);
  throw util::BuildError("Unable to fetch " + source.url + (rev.empty() ? "" : "@" + rev) + ": " + why);
}

// <root>/checkouts/<key>/<commit>: made once from the mirror (its .git removed, as the tree
// is all a layer needs) and renamed into place whole.
fs::path GitCache::snapshot(const fs::path& mirror, const std::string& url, const std::string& commit) {
  fs::path dir = m_root / "checkouts" / cache_key(url) / commit;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return dir;
  fs::create_directories(dir.parent_path(), ec);
  fs::path partial = dir.parent_path() / (".partial-" + commit + "-" + std::to_string(::getpid()));
  fs::remove_all(partial, ec);
  auto fail = [&](const std::string& what, const std::string& output) -> util::BuildError {
    fs::remove_all(partial, ec);
    return util::BuildError("Unable to check out " + url + " at " + commit + ": " + what + indent(output));
  };
  GitRun clone = git({"clone", "--quiet", "--shared", "--no-checkout", "--", mirror.string(), partial.string()},
                     m_cwd, local_timeout);
  if (!clone.ok) throw fail("git clone failed:", clone.output);
  GitRun checkout = git({"-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit}, partial,
                        local_timeout);
  if (!checkout.ok) throw fail("git checkout failed:", checkout.output);
  fs::remove_all(partial / ".git", ec);
  fs::rename(partial, dir, ec);
  if (ec) {
    fs::remove_all(partial, ec);
    if (!fs::is_directory(dir, ec)) throw util::BuildError("Unable to write the cache directory " + dir.string());
  }
  return dir;
}

}  // namespace build
