#include "build/render_copies.hpp"

#include "build/render_common.hpp"
#include "util/error.hpp"

namespace build {

void render_copies(BuildContext& ctx) {
  for (const PlanEntry& entry : ctx.plan.entries()) {
    if (entry.contributions.empty()) continue;
    try {
      if (entry.tactic == Tactic::copy) {
        const Contribution& top = entry.contributions.back();
        if (top.is_directory)
          ctx.output.add_directory(entry.relpath);
        else
          ctx.output.put(entry.relpath, copied_file(top.source, ctx.layers[top.layer_index].url));
      } else if (entry.tactic == Tactic::copyright) {
        // The highest layer's copyright keeps the name; each lower one becomes copyright.layer-NAME.
        for (size_t i = 0; i < entry.contributions.size(); ++i) {
          const Contribution& c = entry.contributions[i];
          const Layer& layer = ctx.layers[c.layer_index];
          std::string relpath = i + 1 == entry.contributions.size() ? "copyright" : "copyright.layer-" + layer.name;
          ctx.output.put(relpath, copied_file(c.source, layer.url));
        }
      }
    } catch (const util::BuildError& e) {
      ctx.diag.error(e.what());
    }
  }
}

}  // namespace build
