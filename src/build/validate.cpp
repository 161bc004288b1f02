#include "build/validate.hpp"

#include "build/yaml_file.hpp"
#include "util/file.hpp"

namespace build {

namespace {

void warn_deprecated_env(BuildContext& ctx) {
  const auto& o = ctx.options;
  if (o.getenv("LAYER_PATH") && !o.getenv("CHARM_LAYERS_DIR"))
    ctx.diag.warning("DEPRECATED: LAYER_PATH environment variable; please use CHARM_LAYERS_DIR instead");
  if (o.getenv("INTERFACE_PATH") && !o.getenv("CHARM_INTERFACES_DIR"))
    ctx.diag.warning("DEPRECATED: INTERFACE_PATH environment variable; please use CHARM_INTERFACES_DIR instead");
  if (o.getenv("JUJU_REPOSITORY") && !o.getenv("CHARM_LAYERS_DIR") && !o.getenv("CHARM_BUILD_DIR"))
    ctx.diag.warning("DEPRECATED: JUJU_REPOSITORY environment variable; please use CHARM_LAYERS_DIR, "
                     "CHARM_INTERFACES_DIR and CHARM_BUILD_DIR instead");
}

void warn_series(BuildContext& ctx) {
  if (ctx.options.series) {
    ctx.diag.warning("DEPRECATED: use of --series flag; specify series in metadata.yaml instead");
    return;
  }
  Diagnostics quiet(Diagnostics::Logging::off);  // a broken metadata.yaml is reported when merged
  auto metadata = load_optional_yaml_file(ctx.top().dir / "metadata.yaml", quiet, "");
  if (!metadata || !metadata->is_mapping() || !metadata->find("series"))
    ctx.diag.warning("DEPRECATED: implicit series; specify series in metadata.yaml instead");
}

}  // namespace

void validate_layers(BuildContext& ctx) {
  const std::string& name = ctx.charm_name;
  if (name.empty() || name[0] < 'a' || name[0] > 'z')
    ctx.diag.error("Charm name must start with a lower-case letter: '" + name + "' (use --name or metadata.yaml name)");
  warn_series(ctx);
  warn_deprecated_env(ctx);
  const Layer& top = ctx.top();
  if (top.config && !top.config->find("repo"))
    ctx.diag.warning("Please add a `repo` key to your layer.yaml, with a url from which your layer can be cloned.");
  for (const Layer& layer : ctx.layers) {
    for (const std::string& tactic : layer.config_strings("tactics")) {
      std::string message = util::display_path(layer.dir / layer.config_file, ctx.cwd) +
                            ": custom tactics are not supported: " + tactic +
                            " (Python tactics cannot run in charm-build)";
      if (ctx.options.force == Force::yes)
        ctx.diag.warning(message + "; --force: building with the built-in tactics");
      else
        ctx.diag.error(message + "; remove it, or use --force to build with the built-in tactics");
    }
  }
}

}  // namespace build
