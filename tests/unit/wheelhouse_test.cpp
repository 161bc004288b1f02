#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "build/wheelhouse.hpp"
#include "util/error.hpp"

using build::RequirementLines;
using build::requirement_name;

namespace {

using Lines = std::vector<std::string>;

std::optional<std::string> name(const std::string& line) { return requirement_name(line); }

}  // namespace

TEST_CASE("wheelhouse: requirement_name of plain names and specifiers", "[wheelhouse]") {
  CHECK(name("requests") == "requests");
  CHECK(name("requests==2.31.0") == "requests");
  CHECK(name("requests>=1.0,<3") == "requests");
  CHECK(name("requests ~= 2.0") == "requests");
  CHECK(name("requests!=2.0") == "requests");
  CHECK(name("requests<3") == "requests");
  CHECK(name("charmhelpers>=0.4.0,<1.0.0") == "charmhelpers");
  CHECK(name("zope.interface>=5") == "zope.interface");
  CHECK(name("  indented==1") == "indented");
  CHECK(name("\ttabbed") == "tabbed");
  CHECK(name("pkg; python_version < '3.8'") == "pkg");
  CHECK(name("pkg ; sys_platform == 'linux'") == "pkg");
  CHECK(name("pkg2") == "pkg2");
  CHECK(name("9lives") == "9lives");
}

TEST_CASE("wheelhouse: requirement_name with extras", "[wheelhouse]") {
  CHECK(name("requests[security]") == "requests");
  CHECK(name("requests[security,socks]>=2.0") == "requests");
  CHECK(name("celery[redis] == 5.0") == "celery");
}

TEST_CASE("wheelhouse: requirement_name strips trailing comments", "[wheelhouse]") {
  CHECK(name("requests  # pinned for py3.6") == "requests");
  CHECK(name("requests==2.0 #comment") == "requests");
  CHECK(name("my_pkg # with_underscores") == "my-pkg");
}

TEST_CASE("wheelhouse: requirement_name takes #egg= on VCS and URL lines", "[wheelhouse]") {
  CHECK(name("git+https://github.com/juju/charm-helpers.git#egg=charmhelpers") == "charmhelpers");
  CHECK(name("git+https://github.com/x/y.git@v1.0#egg=my_pkg") == "my-pkg");
  CHECK(name("hg+https://hg.example.com/repo#egg=HgPkg") == "HgPkg");
  CHECK(name("bzr+lp:charm-helpers#egg=charmhelpers") == "charmhelpers");
  CHECK(name("svn+svn://svn.example.com/repo#egg=svnpkg") == "svnpkg");
  CHECK(name("https://example.com/pkg-1.0.tar.gz#egg=pkg") == "pkg");
  CHECK(name("git+https://github.com/x/y.git#egg=y&subdirectory=sub") == "y");
  CHECK(name("git+https://github.com/x/y.git#subdirectory=sub&egg=y.z") == "y.z");
}

TEST_CASE("wheelhouse: requirement_name fails for a URL without #egg=", "[wheelhouse]") {
  CHECK_THROWS_AS(name("git+https://github.com/x/y.git"), util::BuildError);
  CHECK_THROWS_WITH(name("git+https://github.com/x/y.git"),
                    "Unable to determine package name for \"git+https://github.com/x/y.git\"; "
                    "did you forget \"#egg=...\"?");
  CHECK_THROWS_WITH(name("https://example.com/pkg-1.0.tar.gz"),
                    "Unable to determine package name for \"https://example.com/pkg-1.0.tar.gz\"; "
                    "did you forget \"#egg=...\"?");
  CHECK_THROWS_AS(name("hg+https://hg.example.com/repo"), util::BuildError);
  CHECK_THROWS_AS(name("bzr+lp:charm-helpers"), util::BuildError);
  CHECK_THROWS_AS(name("file:///tmp/pkg.tar.gz"), util::BuildError);
}

TEST_CASE("wheelhouse: blank, comment and option lines have no name", "[wheelhouse]") {
  for (const char* line : {"", "   ", "\t", "# comment", "#requests", "  # indented comment", "-r other.txt",
                           "--index-url https://pypi.example.com/simple", "-e git+https://github.com/x/y.git",
                           "-c constraints.txt", "  --no-binary :all:"}) {
    INFO(line);
    CHECK(name(line) == std::nullopt);
  }
}

TEST_CASE("wheelhouse: names fold runs of other characters to '-' and keep case", "[wheelhouse]") {
  CHECK(name("setuptools_scm") == "setuptools-scm");
  CHECK(name("setuptools-scm") == "setuptools-scm");
  CHECK(name("setuptools__scm") == "setuptools-scm");
  CHECK(name("a_-_b") == "a-b");
  CHECK(name("a--b") == "a-b");
  CHECK(name("zope.interface") == "zope.interface");
  CHECK(name("PyYAML") == "PyYAML");
  CHECK(name("pyyaml") == "pyyaml");
  CHECK(name("Jinja2>=2") == "Jinja2");
}

TEST_CASE("wheelhouse: combine adds a header block with a trailing empty line", "[wheelhouse]") {
  RequirementLines lines;
  CHECK(lines.empty());
  lines.combine("layer:basic", {"pip>=18", "# tools", "", "setuptools_scm<7"}, true);
  CHECK(lines.lines() == Lines{"# layer:basic", "pip>=18", "# tools", "", "setuptools_scm<7", ""});
  CHECK_FALSE(lines.empty());
}

TEST_CASE("wheelhouse: combine comments out the lines a higher layer overrides", "[wheelhouse]") {
  RequirementLines lines;
  lines.combine("layer:basic", {"pip>=18", "setuptools_scm<7", "charmhelpers", "# keep me", "PyYAML==5"}, true);
  lines.combine("layers/mine", {"setuptools-scm<8", "charmhelpers>=1", "pyyaml", "newpkg"}, true);
  CHECK(lines.lines() == Lines{"# layer:basic",
                               "pip>=18",
                               "# setuptools_scm<7  # overridden by layers/mine",
                               "# charmhelpers  # overridden by layers/mine",
                               "# keep me",
                               "PyYAML==5",
                               "",
                               "# layers/mine",
                               "setuptools-scm<8",
                               "charmhelpers>=1",
                               "pyyaml",
                               "newpkg",
                               ""});
  // A third layer overrides the second one's line; commented lines are left alone.
  lines.combine("top", {"charmhelpers==2", "pip"}, true);
  CHECK(lines.lines() == Lines{"# layer:basic",
                               "# pip>=18  # overridden by top",
                               "# setuptools_scm<7  # overridden by layers/mine",
                               "# charmhelpers  # overridden by layers/mine",
                               "# keep me",
                               "PyYAML==5",
                               "",
                               "# layers/mine",
                               "setuptools-scm<8",
                               "# charmhelpers>=1  # overridden by top",
                               "pyyaml",
                               "newpkg",
                               "",
                               "# top",
                               "charmhelpers==2",
                               "pip",
                               ""});
}

TEST_CASE("wheelhouse: combine overrides VCS lines by their egg name", "[wheelhouse]") {
  RequirementLines lines;
  lines.combine("layer:basic", {"git+https://github.com/juju/charm-helpers.git#egg=charmhelpers", "six"}, true);
  lines.combine("top", {"charmhelpers==1.2"}, true);
  CHECK(lines.lines() ==
        Lines{"# layer:basic",
              "# git+https://github.com/juju/charm-helpers.git#egg=charmhelpers  # overridden by top", "six", "",
              "# top", "charmhelpers==1.2", ""});
}

TEST_CASE("wheelhouse: a layer's own repeated names do not override each other", "[wheelhouse]") {
  RequirementLines lines;
  lines.combine("a", {"six==1", "six==2"}, true);
  CHECK(lines.lines() == Lines{"# a", "six==1", "six==2", ""});
}

TEST_CASE("wheelhouse: combine without a header adds no header and no empty line", "[wheelhouse]") {
  RequirementLines lines;
  lines.combine("layer:basic", {"six==1", "pip"}, true);
  lines.combine("lockfile-wheelhouse", {"six==1.16.0", "charmhelpers==1.0"}, false);
  CHECK(lines.lines() == Lines{"# layer:basic", "# six==1  # overridden by lockfile-wheelhouse", "pip", "",
                               "six==1.16.0", "charmhelpers==1.0"});
  RequirementLines bare;
  bare.combine("x", {}, false);
  CHECK(bare.empty());
  bare.combine("y", {}, true);
  CHECK(bare.lines() == Lines{"# y", ""});
}

TEST_CASE("wheelhouse: combine fails on a nameless requirement line", "[wheelhouse]") {
  RequirementLines lines;
  lines.combine("a", {"six"}, true);
  CHECK_THROWS_AS(lines.combine("b", {"git+https://github.com/x/y.git"}, true), util::BuildError);
}
