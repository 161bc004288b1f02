#include "build/report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace build {

std::string format_report(const BuildContext& ctx) {
  const std::string rule(39, '-');
  std::string out = "\n" + rule + "\n              Build Report\n" + rule + "\n";
  if (!ctx.had_previous_build) return out + "New build; all files were modified.\n";
  std::vector<std::pair<std::string, std::string>> lines;  // relpath, marker
  for (const auto& f : ctx.added) lines.emplace_back(f, " + ");
  for (const auto& f : ctx.modified) lines.emplace_back(f, "   ");
  for (const auto& f : ctx.removed) lines.emplace_back(f, " - ");
  if (lines.empty()) return out + "No new changes; no files were modified.\n";
  std::sort(lines.begin(), lines.end());
  for (const auto& [relpath, marker] : lines) out += marker + relpath + "\n";
  return out;
}

std::string format_json_report(const BuildContext& ctx, const std::string& failure) {
  nlohmann::ordered_json doc;
  doc["ok"] = failure.empty();
  doc["charm"] = ctx.charm_name;
  doc["target"] = ctx.target.string();
  auto layers = nlohmann::ordered_json::array();
  auto describe = [&](const Layer& l) {
    layers.push_back({{"url", l.url},
                      {"name", l.name},
                      {"kind", l.kind == LayerKind::layer ? "layer" : "interface"},
                      {"dir", l.dir.string()},
                      {"rev", l.revision}});
  };
  for (const Layer& l : ctx.layers) describe(l);
  for (const Layer& l : ctx.interfaces) describe(l);
  doc["layers"] = layers;
  auto files = nlohmann::ordered_json::object();
  for (const auto& [relpath, file] : ctx.output.files)
    files[relpath] = {{"layer", file.owner}, {"kind", signature_kind_name(file.kind)}, {"sha256", file.sha256}};
  doc["files"] = files;
  doc["changes"] = {{"new_build", !ctx.had_previous_build},
                    {"changed", ctx.changed},
                    {"added", ctx.added},
                    {"modified", ctx.modified},
                    {"removed", ctx.removed}};
  doc["warnings"] = ctx.diag.warnings();
  auto errors = nlohmann::ordered_json(ctx.diag.errors());
  if (!failure.empty() && ctx.diag.errors().empty()) errors.push_back(failure);
  doc["errors"] = errors;
  doc["charm_file"] = ctx.charm_file ? nlohmann::ordered_json(ctx.charm_file->string()) : nullptr;
  auto findings = nlohmann::ordered_json::array();
  for (const auto& f : ctx.proof.findings)
    findings.push_back({{"level", proof::level_name(f.level)}, {"message", f.message}});
  doc["proof"] = {{"findings", findings}, {"exit_code", ctx.proof.exit_code()}};
  auto timings = nlohmann::ordered_json::object();
  double total = 0;
  for (const auto& [stage, ms] : ctx.timings_ms) {
    timings[stage] = ms;
    total += ms;
  }
  timings["total"] = total;
  doc["timings_ms"] = timings;
  return doc.dump(2) + "\n";
}

}  // namespace build
