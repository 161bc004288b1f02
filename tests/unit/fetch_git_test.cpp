#include <catch2/catch.hpp>
#include <string>

#include "build/fetch_git.hpp"

using build::is_remote_include;
using build::parse_remote_include;

namespace {

// "URL @ REV" of a remote include, or "unsupported: WHY".
std::string parsed(const std::string& include) {
  auto remote = parse_remote_include(include);
  if (!remote.source) return "unsupported: " + remote.unsupported;
  return remote.source->url + " @ " + remote.source->revision;
}

}  // namespace

TEST_CASE("fetch_git: which includes are remote", "[fetch_git]") {
  CHECK(is_remote_include("https://github.com/juju-solutions/layer-basic.git"));
  CHECK(is_remote_include("git@github.com:juju-solutions/layer-basic"));
  CHECK(is_remote_include("file:///srv/git/layer-x"));
  CHECK(is_remote_include("../repos/layer-x.git"));
  CHECK(is_remote_include("../repos/layer-x.git@v1"));
  CHECK(is_remote_include("gh:juju-solutions/layer-basic"));
  CHECK(is_remote_include("lp:charms/layer-x"));
  CHECK(is_remote_include("cs:trusty/mysql"));
  CHECK(!is_remote_include("layer:basic"));
  CHECK(!is_remote_include("interface:http"));
  CHECK(!is_remote_include("layers/mysql"));
  CHECK(!is_remote_include("github-layers/x"));
}

TEST_CASE("fetch_git: known hosts become their https URLs", "[fetch_git]") {
  CHECK(parsed("https://github.com/juju-solutions/layer-basic.git") ==
        "https://github.com/juju-solutions/layer-basic.git @ ");
  CHECK(parsed("git@github.com:juju-solutions/layer-basic@v1.2") == "https://github.com/juju-solutions/layer-basic @ v1.2");
  CHECK(parsed("gh:juju-solutions/layer-basic@abc") == "https://github.com/juju-solutions/layer-basic @ abc");
  CHECK(parsed("git@opendev.org:openstack/charm-layer-openstack") ==
        "https://opendev.org/openstack/charm-layer-openstack @ ");
  CHECK(parsed("git://git.launchpad.net/layer-x@stable") == "https://git.launchpad.net/layer-x @ stable");
  CHECK(parsed("https://bitbucket.org/o/layer-x.git") == "https://bitbucket.org/o/layer-x.git @ ");
}

TEST_CASE("fetch_git: other git URLs are kept, @REV split off", "[fetch_git]") {
  CHECK(parsed("https://example.com/layers/layer-x.git@1a2b3c") == "https://example.com/layers/layer-x.git @ 1a2b3c");
  CHECK(parsed("file:///srv/git/layer-x") == "file:///srv/git/layer-x @ ");
  CHECK(parsed("file:///srv/git/layer-x@main") == "file:///srv/git/layer-x @ main");
  CHECK(parsed("git@example.com:layer-x.git") == "git@example.com:layer-x.git @ ");
  CHECK(parsed("git@example.com:layer-x.git@v2") == "git@example.com:layer-x.git @ v2");
  CHECK(parsed("ssh://git@example.com/layer-x.git") == "ssh://git@example.com/layer-x.git @ ");
  CHECK(parsed("https://user@example.com/layer-x.git") == "https://user@example.com/layer-x.git @ ");
}

TEST_CASE("fetch_git: bzr, hg and the charm store are refused with a reason", "[fetch_git]") {
  CHECK_THAT(parsed("lp:charms/layer-x"), Catch::StartsWith("unsupported: Bazaar branches are not supported"));
  CHECK_THAT(parsed("https://code.launchpad.net/~o/layer-x"), Catch::StartsWith("unsupported: Bazaar"));
  CHECK_THAT(parsed("https://bitbucket.org/o/layer-x"), Catch::StartsWith("unsupported: Mercurial"));
  CHECK_THAT(parsed("cs:trusty/mysql"), Catch::StartsWith("unsupported: the charm store is gone"));
}

TEST_CASE("fetch_git: cache keys are readable and distinct per URL", "[fetch_git]") {
  std::string a = build::cache_key("https://github.com/juju-solutions/layer-basic.git");
  std::string b = build::cache_key("https://example.com/layer-basic.git");
  CHECK_THAT(a, Catch::StartsWith("layer-basic-"));
  CHECK(a.size() == std::string("layer-basic-").size() + 12);
  CHECK(a != b);
  CHECK_THAT(build::cache_key("file:///srv/repo/.git"), Catch::StartsWith("repo-"));
  CHECK_THAT(build::cache_key("git@host:x y"), Catch::StartsWith("x_y-"));
}

TEST_CASE("fetch_git: the cache root is -C, then $CHARM_CACHE_DIR, then ~/.cache/charm", "[fetch_git]") {
  using build::fetch_cache_root;
  const std::filesystem::path cwd = "/work";
  CHECK(fetch_cache_root(std::filesystem::path("c"), "/env", "/home/u", cwd) == "/work/c");
  CHECK(fetch_cache_root(std::nullopt, "/env/", "/home/u", cwd) == "/env/");
  CHECK(fetch_cache_root(std::nullopt, "", "/home/u", cwd) == "/home/u/.cache/charm");
  CHECK(fetch_cache_root(std::nullopt, std::nullopt, std::nullopt, cwd) == std::nullopt);
}
