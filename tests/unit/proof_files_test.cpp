// proof: hooks, relations, root files and actions.yaml. Expected lines were produced by running
// the same charm directories through charm-tools 3.0.9's proof.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "proof/lint.hpp"
#include "proof/proof.hpp"
#include "proof_fixture.hpp"

namespace {

using namespace proof_test;

// A charm whose only findings come from what a test adds: metadata without relations,
// install/start/stop hooks, icon, copyright, README, no config.yaml.
void write_quiet_charm(const CharmDir& charm, const std::string& extra_metadata = "") {
  charm.write("metadata.yaml",
              "name: mycharm\ndisplay-name: X\nsummary: s\nmaintainer: J <j@x.com>\ntags: [a]\n" + extra_metadata);
  for (const char* hook : {"install", "start", "stop"}) charm.executable(std::string("hooks/") + hook);
  charm.write("icon.svg", "<svg/>\n");
  charm.write("copyright", "c\n");
  charm.write("README.md", "# mycharm\n");
}

// The lines every quiet charm ends with: it provides nothing and has no config.yaml.
Lines quiet(Lines lines) {
  lines.insert(lines.begin(), "I: all charms should provide at least one thing");
  lines.push_back("I: File config.yaml not found.");
  return lines;
}

}  // namespace

TEST_CASE("proof: hooks that are missing, not executable or reach the EC2 metadata service", "[proof]") {
  CharmDir charm;
  write_quiet_charm(charm);
  fs::remove(charm.dir() / "hooks/stop");
  charm.write("hooks/start", "#!/bin/sh\n", fs::perms(0644));
  charm.executable("hooks/install", "#!/bin/sh\r\ncurl http://169.254.169.254/latest\rx\nwget http://169.254.169.254/\n");
  charm.write("config.yaml", "options: {}\n");
  CHECK(charm.proof() == Lines{
                             "I: all charms should provide at least one thing",
                             "W: (install:2) - hook accesses EC2 metadata service directly",
                             "W: (install:4) - hook accesses EC2 metadata service directly",
                             "I: start not executable",
                             "I: missing recommended hook stop",
                             "I: missing recommended hook config-changed",
                         });
  CHECK(charm.exit_code() == 100);
}

TEST_CASE("proof: Windows hooks count as executable; a hook directory counts as missing", "[proof]") {
  CharmDir charm;
  write_quiet_charm(charm);
  fs::remove(charm.dir() / "hooks/install");
  charm.write("hooks/install.ps1", "Write-Host hi\n", fs::perms(0644));
  fs::remove(charm.dir() / "hooks/stop");
  fs::create_directories(charm.dir() / "hooks/stop");
  CHECK(charm.proof() == quiet({"I: missing recommended hook stop"}));
}

TEST_CASE("proof: relations", "[proof]") {
  CharmDir charm;
  write_quiet_charm(charm,
                    "provides:\n"
                    "  website: {interface: http, scope: bogus, foo: 1, limit: 1, optional: true}\n"
                    "  juju-info: {interface: name}\n"
                    "  relation: str\n"
                    "  db: {scope: global}\n"
                    "requires:\n"
                    "  cache: {interface: memcache}\n"
                    "peers:\n"
                    "  cluster: {interface: cluster}\n");
  charm.write("hooks/website-relation-changed", "#!/bin/sh\n", fs::perms(0644));
  charm.executable("hooks/website-relation-joined", "curl http://169.254.169.254/\n");  // never looked at
  charm.executable("hooks/cache-relation-broken");
  CHECK(charm.proof() == Lines{
                             "E: Unknown scope found in relation website - (bogus)",
                             "E: Unknown relation field in relation website - (foo)",
                             "I: website-relation-changed not executable",
                             "I: juju-* is a reserved relation name",
                             "E: template interface names should be changed: name",
                             "I: relation juju-info has no hooks",
                             "E: relation relation is not a map",
                             "E: template relations should be renamed to fit charm: relation",
                             "I: relation relation has no hooks",
                             "E: relation missing interface",
                             "I: relation db has no hooks",
                             "I: relation cluster has no hooks",
                             "I: File config.yaml not found.",
                         });
}

TEST_CASE("proof: subordinates need a container-scoped requires", "[proof]") {
  CharmDir charm;
  write_quiet_charm(charm, "subordinate: 'true'\nrequires: {juju-info: {interface: juju-info}}\n");
  CHECK(charm.proof() == Lines{
                             "E: subordinate must be a boolean value",
                             "E: subordinates must have at least one scope: container relation",
                             "I: File config.yaml not found.",
                         });
  write_quiet_charm(charm, "subordinate: true\nprovides: {p: {interface: x}}\n"
                           "requires: {juju-info: {interface: juju-info, scope: container}}\n");
  CHECK(charm.proof() == Lines{"I: File config.yaml not found."});
}

TEST_CASE("proof: icon, hooks directory, copyright and README files", "[proof]") {
  CharmDir charm;
  charm.write("metadata.yaml", "name: mycharm\ndisplay-name: X\nsummary: s\nmaintainer: J <j@x.com>\ntags: [a]\n");
  CHECK(charm.proof() == Lines{
                             "I: No icon.svg file.",
                             "I: no hooks directory",
                             "W: no copyright file",
                             "W: no README file",
                             "I: all charms should provide at least one thing",
                             "I: missing recommended hook install",
                             "I: missing recommended hook start",
                             "I: missing recommended hook stop",
                             "I: File config.yaml not found.",
                         });
  write_quiet_charm(charm);
  charm.write("README.ex", "x");
  charm.write("README.md",
              "# mycharm\nStep by step instructions on using the charm:\n\n"
              "You can then browse to http://ip-address to configure the service.\n");
  charm.write("LAYER_README.md", "- Upstream mailing list or contact information\n");
  CHECK(charm.proof() == Lines{
                             "W: Includes template README.ex file",
                             "W: LAYER_README.md includes boilerplate: - Upstream mailing list or contact information",
                             "W: README.md includes boilerplate: Step by step instructions on using the charm:",
                             "W: README.md includes boilerplate: You can then browse to http://ip-address to "
                             "configure the service.",
                             "I: all charms should provide at least one thing",
                             "I: File config.yaml not found.",
                         });
}

TEST_CASE("proof: SHA-1, which recognises the template icon", "[proof]") {
  CHECK(proof::sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(proof::sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(proof::sha1_hex(std::string(1000, 'a')) == "291e9a6c66994949b57ba5e650361e98fc36b1ba");
}

TEST_CASE("proof: an icon.svg that cannot be read", "[proof]") {
  CharmDir charm;
  write_quiet_charm(charm);
  fs::remove(charm.dir() / "icon.svg");
  fs::create_directories(charm.dir() / "icon.svg");
  CHECK(charm.proof() == Lines{
                             "I: Error while opening " + charm.dir().string() + "/icon.svg (Is a directory)",
                             "I: all charms should provide at least one thing",
                             "I: File config.yaml not found.",
                         });

}

TEST_CASE("proof: actions.yaml and functions.yaml", "[proof]") {
  CharmDir charm;
  write_quiet_charm(charm);
  charm.write("actions.yaml", "backup: {description: x}\njuju-run: {}\njujutsu: {}\nrestore: {}\nnoexec: {}\n");
  charm.executable("actions/backup");
  charm.write("actions/noexec", "x");
  charm.write("functions.yaml", "ignored: {}\n");
  CHECK(charm.proof() == quiet({
                             "E: actions.juju-run: juju is a reserved namespace",
                             "E: actions.jujutsu: juju is a reserved namespace",
                             "W: actions.restore: actions/restore does not exist",
                             "E: actions.noexec: actions/noexec is not executable",
                         }));
  charm.write("actions.yaml", "a: {}\n5: {}\nb: {}\n");
  CHECK(charm.proof() == quiet({
                             "W: actions.a: actions/a does not exist",
                             "E: FATAL: cannot parse " + charm.dir().string() +
                                 "/actions.yaml: 'int' object has no attribute 'startswith'",
                         }));
  charm.write("actions.yaml", "[a]\n");
  CHECK(charm.proof() == quiet({"E: actions: must be a dictionary of json schemas"}));
  fs::remove(charm.dir() / "actions.yaml");
  charm.write("functions.yaml", "f1: {}\n");
  CHECK(charm.proof() == quiet({"W: functions.f1: functions/f1 does not exist"}));
}

TEST_CASE("proof: template test and revision files", "[proof]") {
  CharmDir charm;
  write_quiet_charm(charm);
  charm.write("tests/00-autogen", "x");
  charm.write("revision", "12a\n");
  CHECK(charm.proof() == Lines{
                             "I: all charms should provide at least one thing",
                             "W: Includes template test file, tests/00-autogen",
                             "E: revision file contains non-numeric data",
                             "I: File config.yaml not found.",
                         });
  charm.write("revision", " 12\n");
  CHECK(charm.exit_code() == 100);
}
