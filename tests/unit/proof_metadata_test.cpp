// proof: metadata.yaml checks. Expected lines were produced by running the same charm
// directories through charm-tools 3.0.9's proof (colander 1.8.3, PyYAML 6); the last cases are
// inputs on which upstream crashes, where we only promise a FATAL line and no exception.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "proof/proof.hpp"
#include "proof_fixture.hpp"

namespace {

using namespace proof_test;

// Everything a charm needs for a silent proof, except metadata.yaml.
void write_clean_files(const CharmDir& charm) {
  for (const char* hook : {"install", "start", "stop", "config-changed", "website-relation-joined"})
    charm.executable(std::string("hooks/") + hook);
  charm.write("icon.svg", "<svg/>\n");
  charm.write("copyright", "Copyright 2024\n");
  charm.write("README.md", "# mycharm\n");
  charm.write("config.yaml", "options:\n  port: {type: int, default: 80, description: Port}\n");
}

constexpr const char* clean_metadata =
    "name: mycharm\n"
    "display-name: My Charm\n"
    "summary: A test charm\n"
    "maintainer: Joe Bloggs <joe@example.com>\n"
    "description: Does things.\n"
    "tags: [misc]\n"
    "provides:\n"
    "  website:\n"
    "    interface: http\n";

// Proofs a clean charm whose metadata.yaml is clean_metadata plus `extra`.
Lines proof_metadata(const std::string& extra, const std::string& base = clean_metadata) {
  CharmDir charm;
  write_clean_files(charm);
  charm.write("metadata.yaml", base + extra);
  return charm.proof();
}

}  // namespace

TEST_CASE("proof: a clean charm has no findings and exit code 0", "[proof]") {
  CharmDir charm;
  write_clean_files(charm);
  charm.write("metadata.yaml", clean_metadata);
  CHECK(charm.proof() == Lines{});
  CHECK(charm.exit_code() == 0);
}

TEST_CASE("proof: unknown and missing root fields, name and summary", "[proof]") {
  CharmDir charm("dirname");
  write_clean_files(charm);
  charm.write("metadata.yaml",
              "display-name: X\nmaintainer: Joe <j@x.com>\ntags: [a]\nprovides: {website: {interface: http}}\n"
              "x-custom: 1\n5: five\n");
  CHECK(charm.proof() == Lines{
                             "I: Unknown root metadata field (x-custom)",
                             "I: Unknown root metadata field (5)",
                             "E: Missing required metadata field (name)",
                             "E: Missing required metadata field (summary)",
                             "I: metadata name (None) must match directory name (dirname) exactly for local deployment.",
                         });
  CHECK(proof_metadata("", "name: other\nsummary: " + std::string(73, 's') + "\n" +
                               std::string(clean_metadata).substr(std::string(clean_metadata).find("maintainer"))) ==
        Lines{
            "I: metadata name (other) must match directory name (mycharm) exactly for local deployment.",
            "W: summary should be less than 72",
            "I: `display-name` not provided, add for custom naming in the UI",
        });
}

TEST_CASE("proof: display-name", "[proof]") {
  std::string without = "name: mycharm\nsummary: s\nmaintainer: J <j@x.com>\ntags: [a]\nprovides: {website: {interface: http}}\n";
  CHECK(proof_metadata("", without) == Lines{"I: `display-name` not provided, add for custom naming in the UI"});
  for (const char* good : {"ABC", "My Awesome Charm", "1-abc-2", "underscores_allowed"})
    CHECK(proof_metadata(std::string("display-name: ") + good + "\n", without) == Lines{});
  for (const char* bad : {"' bad name'", "big  space", "'trailing '", "\"no\\nnewlines\"", "\"tabs\\tno\""})
    CHECK(proof_metadata(std::string("display-name: ") + bad + "\n", without) ==
          Lines{"E: display-name: not in valid format. Only letters, numbers, dashes, and hyphens are permitted."});
}

TEST_CASE("proof: maintainer and maintainers", "[proof]") {
  std::string base = "name: mycharm\ndisplay-name: X\nsummary: s\ntags: [a]\nprovides: {website: {interface: http}}\n";
  CHECK(proof_metadata("", base) == Lines{"E: Charm must have either a maintainer or maintainers field"});
  CHECK(proof_metadata("maintainer: J <j@x.com>\nmaintainers: [J <j@x.com>]\n", base) ==
        Lines{"E: Charm must not have both maintainer and maintainers fields"});
  CHECK(proof_metadata("maintainer: [J <j@x.com>]\n", base) == Lines{"E: Maintainer field must not be a list"});
  CHECK(proof_metadata("maintainers: J <j@x.com>\n", base) == Lines{"E: Maintainers field must be a list"});
  CHECK(proof_metadata("maintainers: ['Tester Joe H. <t@example.com>', '\"Doe, J\" <j@x.com>', 'j@x.com (Joe)']\n",
                       base) == Lines{});
  CHECK(proof_metadata("maintainers: [Tester tester@example.com, j@x.com, 'Joe <>', 'A <a@b>, B <c@d>', 5]\n", base) ==
        Lines{
            "W: Maintainer format should be \"Name <Email>\", not \"Tester tester@example.com\"",
            "W: Maintainer format should be \"Name <Email>\", not \"j@x.com\"",
            "W: Maintainer format should be \"Name <Email>\", not \"Joe <>\"",
            "W: Maintainer format should be \"Name <Email>\", not \"A <a@b>, B <c@d>\"",
            "W: Maintainer format should be \"Name <Email>\", not \"5\"",
        });
}

TEST_CASE("proof: tags, categories, series, min-juju-version, extra-bindings, terms", "[proof]") {
  std::string base = "name: mycharm\ndisplay-name: X\nsummary: s\nmaintainer: J <j@x.com>\n"
                     "provides: {website: {interface: http}}\n";
  CHECK(proof_metadata("", base) == Lines{"W: Metadata missing required field \"tags\""});
  CHECK(proof_metadata("tags: []\n", base) == Lines{"W: Metadata field \"tags\" must be a non-empty list"});
  CHECK(proof_metadata("categories: foo\n", base) ==
        Lines{"W: Categories metadata must be a list of one or more of: applications, app-servers, databases, "
              "file-servers, cache-proxy, misc",
              "W: Categories are being deprecated in favor of tags. Please rename the \"categories\" field to \"tags\"."});
  CHECK(proof_metadata("series: [focal]\nmin-juju-version: 2.9\nextra-bindings: [a]\nterms: t\n") ==
        Lines{"I: DEPRECATED: series parameter is ignored by charmcraft,use bases in charmcraft.yaml",
              "E: min-juju-version: invalid format, try X.Y.Z", "E: extra-bindings: must be a dictionary",
              "E: terms: must be a list of term ids"});
  CHECK(proof_metadata("min-juju-version: 1.25.0\n") ==
        Lines{"E: min-juju-version: invalid version, must be 2.0.0 or greater"});
  CHECK(proof_metadata("min-juju-version: 3.1-beta1\nextra-bindings: {a: }\nterms: [t]\n") == Lines{});
}

TEST_CASE("proof: storage, devices, payloads, resources and deployment schemas", "[proof]") {
  CHECK(proof_metadata("storage: {}\npayloads: [p]\nresources: x\ndevices: ~\ndeployment: []\n") ==
        Lines{"E: storage: must be a dictionary of storage definitions",
              "E: devices: must be a dictionary of device definitions",
              "E: payloads: must be a dictionary of payload definitions",
              "E: resources: must be a dictionary of resource definitions", "E: deployment: must be a dict of config"});
  CHECK(proof_metadata("storage:\n"
                       "  data: {type: unknown, shared: maybe, read-only: 'no', minimum-size: 10k}\n"
                       "  disks: {type: block, multiple: {range: 10+}}\n"
                       "  other: {type: 5, location: [1, a]}\n"
                       "  extra: {type: filesystem, unknown: invalid key}\n"
                       "  none: ~\n") ==
        Lines{
            "E: storage.data.type: \"unknown\" is not one of filesystem, block",
            "E: storage.data.shared: \"maybe\" is not one of true, false",
            "E: storage.data.read-only: \"no\" is not one of true, false",
            "E: storage.data.minimum-size: must be a number followed by an optional M/G/T/P, e.g. 100M",
            "E: storage.disks.multiple.range: supported formats are: m (a fixed number), m-n (an explicit range), and m- "
            "(a minimum number)",
            "E: storage.other.type: 5 is not a string: {'type': ''}",
            "E: storage.other.location: [1, 'a'] is not a string: {'location': ''}",
            "E: storage.extra: Unrecognized keys in mapping: \"{'unknown': 'invalid key'}\"",
            "E: storage.none: \"None\" is not a mapping type: Does not implement dict-like functionality.",
        });
  CHECK(proof_metadata("devices: {miner: {type: nvidia.com/gpu, count: non number}, m1: {count: 1}}\n"
                       "payloads: {p: {type: lxd}}\n"
                       "resources: {r: {type: file, filename: 5}, s: {type: oci-image, description: ''}}\n"
                       "deployment: {type: stateful}\n") ==
        Lines{
            "E: devices.miner.count: \"non number\" is not a number",
            "E: devices.m1.type: Required",
            "E: payloads.p.type: \"lxd\" is not one of kvm, docker",
            "E: resources.r.filename: 5 is not a string: {'filename': ''}",
            "E: deployment.deployment.service: Required",
        });
}

TEST_CASE("proof: layer.yaml proof extensions accept unknown schema fields", "[proof]") {
  CharmDir charm;
  write_clean_files(charm);
  charm.write("metadata.yaml", std::string(clean_metadata) +
                                   "storage: {data: {type: filesystem, unknown: x}}\n"
                                   "devices: {gpu: {type: a, flag: 'maybe'}}\n"
                                   "payloads: {p: {type: kvm, other: 1}}\n");
  charm.write("layer.yaml",
              "proof:\n"
              "  storage: [{name: unknown, type: String}]\n"
              "  devices: [{name: flag, type: Boolean}]\n");
  CHECK(charm.proof() == Lines{
                             "E: devices.extensions.flag: \"maybe\" is not one of true, false",
                             "E: payloads.p: Unrecognized keys in mapping: \"{'other': 1}\"",
                         });
  charm.write("layer.yaml", "");
  CHECK(charm.proof().front() ==
        "W: cannot parse " + charm.dir().string() + "/layer.yaml: 'NoneType' object has no attribute 'get'");
}

TEST_CASE("proof: a metadata.yaml that does not parse is fatal and stops proof", "[proof]") {
  CharmDir charm;
  write_clean_files(charm);
  charm.write("metadata.yaml", "name: mycharm\nsummary: [\n");
  Lines lines = charm.proof();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("E: FATAL: cannot parse " + charm.dir().string() + "/metadata.yaml:3:1: ", 0) == 0);
  CHECK(charm.exit_code() == 200);
}

TEST_CASE("proof: a revision in metadata.yaml", "[proof]") {
  CHECK(proof_metadata("revision: -1\n") ==
        Lines{"I: Unknown root metadata field (revision)",
              "W: Revision should not be stored in metadata.yaml anymore. Move it to the revision file",
              "W: revision should be a positive integer"});
  CHECK(proof_metadata("revision: ' 7 '\n") ==
        Lines{"I: Unknown root metadata field (revision)",
              "W: Revision should not be stored in metadata.yaml anymore. Move it to the revision file"});
}

TEST_CASE("proof: where upstream crashes, proof reports FATAL and stops", "[proof]") {
  CharmDir charm;
  write_clean_files(charm);
  charm.write("metadata.yaml", "");
  CHECK(charm.proof() == Lines{"E: FATAL: " + charm.dir().string() +
                               "/metadata.yaml: must be a mapping of metadata fields, not NoneType"});
  CHECK(proof_metadata("", "name: mycharm\nsummary: 5\n").back() == "E: FATAL: summary must be a string, not int");
  CHECK(proof_metadata("display-name: 5\n", "name: mycharm\nsummary: s\n").back() ==
        "E: FATAL: display-name must be a string, not int");
}

TEST_CASE("proof: a missing directory throws, a directory without metadata.yaml is fatal", "[proof]") {
  CharmDir charm;
  CHECK_THROWS_WITH(proof::proof_charm(charm.dir() / "nope"), "Unable to read from " + (charm.dir() / "nope").string());
  CHECK(charm.proof() == Lines{"E: FATAL: No bundle.yaml (Bundle) or metadata.yaml (Charm) found, cannot proof"});
}
