// Remote includes: git URLs taken apart, and a reusable cache of clones to check them out from.
// Cache layout: <root>/repos/<key>.git holds a mirror clone per URL (cloned once, fetched again
// when a branch or the default head is wanted); <root>/checkouts/<key>/<commit>/ holds one
// read-only snapshot per commit, which layers use in place.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "build/diagnostics.hpp"

namespace build {

namespace fs = std::filesystem;

struct GitSource {
  std::string url;       // what git clones; recorded as the layer's fetched_url
  std::string revision;  // branch, tag or commit; "" for the remote's default branch
};

// What a remote include means: a git repository, or a reason it cannot be fetched.
struct RemoteInclude {
  std::optional<GitSource> source;
  std::string unsupported;  // set when source is not: bzr, hg and charm store sources
};

// Whether an include names a remote source (a URL, git@host:path, *.git, gh:, lp:, cs:, ...)
// rather than a layer:/interface: name or a plain path.
bool is_remote_include(const std::string& include);

// Takes a remote include apart as charm-tools' fetchers do: GitHub, opendev and Launchpad git
// forms become their https URLs, other git URLs are kept; a trailing @REV is the revision.
RemoteInclude parse_remote_include(const std::string& include);

// The fetch cache: -C, else $CHARM_CACHE_DIR, else $HOME/.cache/charm; relative paths are taken
// from cwd. nullopt when none is set.
std::optional<fs::path> fetch_cache_root(const std::optional<fs::path>& option, const std::optional<std::string>& env,
                                         const std::optional<std::string>& home, const fs::path& cwd);

// The cache directory name for a URL: readable, and unique through a hash of the URL.
std::string cache_key(const std::string& url);

struct Checkout {
  fs::path dir;        // the snapshot's root
  std::string commit;  // the full commit id checked out
};

class GitCache {
 public:
  // `cwd` is where relative repository paths are taken from.
  GitCache(fs::path root, fs::path cwd, Diagnostics& diag);

  // The source at its revision. Clones on first use; fetches again only when the revision is
  // not a commit already in the cache. Throws util::BuildError naming the URL (with git's
  // messages) when the repository or the revision cannot be had.
  Checkout checkout(const GitSource& source);

 private:
  fs::path mirror_for(const std::string& url);
  std::string resolve(const fs::path& mirror, const GitSource& source);
  fs::path snapshot(const fs::path& mirror, const std::string& url, const std::string& commit);

  fs::path m_root;
  fs::path m_cwd;
  Diagnostics& m_diag;
  std::set<std::string> m_fresh;                 // URLs cloned or fetched during this build
  std::map<std::string, std::string> m_stale;    // URL -> why fetching it failed (cache used)
  std::map<std::string, Checkout> m_done;        // "URL@REV" -> checkout, once per build
};

}  // namespace build
