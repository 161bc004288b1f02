#include "cli/proof_command.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "proof/proof.hpp"

namespace cli {

CLI::App* setup_proof_command(CLI::App& app, ProofCommandLine& line) {
  CLI::App* cmd = app.add_subcommand("proof", "Lint a charm (built or hand-written) as charm-tools' proof does");
  cmd->add_option("CHARM_DIR", line.charm_dir, "The charm directory (default: the current directory)");
  cmd->add_option("--format", line.format, "text (I:/W:/E: lines, as charm-tools) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(R"(
Examples:
  charm-build proof /tmp/charms/kubernetes
  charm-build proof --format json . | jq '.findings[] | select(.level == "error")'

Exit codes: 0 only informational lines, 100 warnings, 200 errors.)");
  return cmd;
}

int run_proof_command(const ProofCommandLine& line) {
  proof::ProofResult result;
  try {
    result = proof::proof_charm(line.charm_dir);
  } catch (const std::runtime_error& e) {
    std::printf("%s\n", e.what());  // upstream prints this bare and exits 200
    return 200;
  }
  if (line.format == "json") {
    nlohmann::ordered_json doc;
    doc["charm"] = line.charm_dir;
    auto findings = nlohmann::ordered_json::array();
    for (const auto& f : result.findings)
      findings.push_back({{"level", proof::level_name(f.level)}, {"message", f.message}});
    doc["findings"] = findings;
    doc["exit_code"] = result.exit_code();
    std::printf("%s\n", doc.dump(2).c_str());
  } else {
    for (const auto& f : result.findings) std::printf("%s\n", proof::format_finding(f).c_str());
  }
  return result.exit_code();
}

}  // namespace cli
