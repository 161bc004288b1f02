// charm-sim: deploys built charms as applications and units and plays the Juju agent for them
// (hooks in Juju's order, every hook tool with Juju 3.x's contract), without a controller.
#include <algorithm>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "sim/commands.hpp"
#include "sim/machine_image_command.hpp"
#include "sim/scenario.hpp"

namespace {

constexpr const char* examples = R"(
Examples:
  charm-sim deploy build/charms/etcd -n 3 --config port=2379
  charm-sim deploy build/charms/website web --resource image=web.tar
  charm-sim relate web etcd            (or web:db etcd:client)
  charm-sim config etcd port=4001      charm-sim config etcd --reset port
  charm-sim run etcd/0 snapshot target=/tmp/x
  charm-sim status --format json       charm-sim show-unit web/0
  charm-sim tick                       (update-status on every unit)
  charm-sim debug-log --include web/0
  charm-sim remove-unit etcd/2         charm-sim destroy
  charm-sim test tests/scenarios/etcd.yaml

The model lives in ./.charm-sim (or -m DIR / CHARM_SIM_MODEL). Hooks run one at a time, as
the Juju agent runs them; each command returns when no hook is left to run.

Exit codes: 0 ok, 1 bad input (the model is unchanged) or a failed command, 2 bad command
line, 3 a hook failed (the unit is in error; fix and `resolve`), 4 an action failed.)";

}  // namespace

namespace {

// `charm-sim ssh UNIT -- CMD...`: CLI11 hands what follows `--` back to the top-level app, which
// rejects it, so the separator is dropped here (everything after UNIT is the command anyway).
std::vector<char*> without_ssh_separator(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  const std::vector<std::string> with_value{"-m", "--model", "--machine", "--hook-timeout"};
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string arg = args[i];
    if (std::find(with_value.begin(), with_value.end(), arg) != with_value.end()) {
      ++i;
      continue;
    }
    if (!arg.empty() && arg[0] == '-') continue;
    if (arg == "ssh" && i + 2 < args.size() && std::string(args[i + 2]) == "--") args.erase(args.begin() + i + 2);
    break;  // the first word is the subcommand
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"charm-sim: run built Juju charms without a controller", "charm-sim"};
  app.footer(examples);
  app.set_version_flag("--version", std::string("charm-sim ") + CHARM_BUILD_VERSION);
  app.require_subcommand(1);
  sim::GlobalOptions g;
  if (const char* env = std::getenv("CHARM_SIM_MODEL"); env && *env) g.model_dir = env;
  std::string model_dir = g.model_dir.string();
  app.add_option("-m,--model", model_dir, "model directory (default ./.charm-sim, or $CHARM_SIM_MODEL)");
  app.add_option("--machine", g.machine_kind, "machine kind for a new model: local (hooks run on this host) or container (a systemd container per machine, on DOCKER_HOST)")
      ->check(CLI::IsMember({"local", "container"}));
  app.add_option("--hook-timeout", g.hook_timeout_seconds, "seconds before a hook is killed and counted as failed")
      ->check(CLI::PositiveNumber);
  app.add_flag("-q,--quiet", g.quiet, "no progress line per hook");
  app.fallthrough();

  sim::cmd::DeployArgs deploy;
  auto* c_deploy = app.add_subcommand("deploy", "deploy a built charm directory as an application");
  c_deploy->add_option("charm", deploy.charm_dir, "built charm directory")->required();
  c_deploy->add_option("application", deploy.app, "application name (default: the charm's name)");
  c_deploy->add_option("-n,--num-units", deploy.units, "number of units")->check(CLI::NonNegativeNumber);
  c_deploy->add_option("--config", deploy.config, "key=value, or a YAML file {APP: {key: value}}");
  c_deploy->add_option("--resource", deploy.resources, "name=path of a resource file");

  std::string app_name, unit_name, other;
  int count = 1;
  auto* c_add = app.add_subcommand("add-unit", "add units to an application");
  c_add->add_option("application", app_name)->required();
  c_add->add_option("-n,--num-units", count)->check(CLI::PositiveNumber);

  std::vector<std::string> units;
  auto* c_remove_unit = app.add_subcommand("remove-unit", "remove units (departed, broken, stop, remove)");
  c_remove_unit->add_option("units", units)->required();
  auto* c_remove_app = app.add_subcommand("remove-application", "remove an application and its units");
  c_remove_app->add_option("application", app_name)->required();

  auto* c_relate = app.add_subcommand("relate", "relate two applications: APP[:ENDPOINT] APP[:ENDPOINT]");
  c_relate->alias("integrate");
  c_relate->add_option("a", app_name)->required();
  c_relate->add_option("b", other)->required();
  auto* c_unrelate = app.add_subcommand("remove-relation", "remove a relation (departed, broken)");
  c_unrelate->add_option("a", app_name)->required();
  c_unrelate->add_option("b", other)->required();

  std::vector<std::string> settings, reset;
  std::string format = "yaml";
  auto* c_config = app.add_subcommand("config", "show or change an application's config (config-changed)");
  c_config->add_option("application", app_name)->required();
  c_config->add_option("settings", settings, "key=value ... (one bare key prints its value)");
  c_config->add_option("--reset", reset, "options to put back to their default")->delimiter(',');
  c_config->add_option("--format", format)->check(CLI::IsMember({"yaml", "json"}));

  std::string action;
  std::vector<std::string> params;
  auto* c_run = app.add_subcommand("run", "run an action on a unit and print its results");
  c_run->add_option("unit", unit_name)->required();
  c_run->add_option("action", action)->required();
  c_run->add_option("params", params, "key=value ... (values read as YAML: 5, true, text)");
  c_run->add_option("--format", format)->check(CLI::IsMember({"yaml", "json"}));

  std::string status_format = "tabular";
  auto* c_status = app.add_subcommand("status", "the model as `juju status` shows it");
  c_status->add_option("--format", status_format)->check(CLI::IsMember({"tabular", "json", "yaml"}));
  bool no_colour = false;
  c_status->add_flag("--no-color", no_colour, "no colours even on a terminal");

  auto* c_show = app.add_subcommand("show-unit", "a unit's status and relation data (as `juju show-unit`)");
  c_show->add_option("unit", unit_name)->required();
  c_show->add_option("--format", format)->check(CLI::IsMember({"yaml", "json"}));

  std::vector<std::string> include;
  int lines = 0;
  auto* c_log = app.add_subcommand("debug-log", "the model's log: juju-log lines and hook output");
  c_log->add_option("-i,--include", include, "only these units");
  c_log->add_option("-n,--lines", lines, "only the last N lines");

  auto* c_tick = app.add_subcommand("tick", "fire update-status on every unit");
  c_tick->add_option("-n,--times", count)->check(CLI::PositiveNumber);

  std::string path;
  auto* c_upgrade = app.add_subcommand("upgrade", "replace an application's charm (upgrade-charm, config-changed)");
  c_upgrade->alias("refresh");
  c_upgrade->add_option("application", app_name)->required();
  c_upgrade->add_option("--path", path, "the new build (default: rebuild at the same path)");
  std::vector<std::string> upgrade_resources;
  c_upgrade->add_option("--resource", upgrade_resources, "name=path of a new resource file (resource-get then gives it)");

  bool no_retry = false;
  auto* c_resolve = app.add_subcommand("resolve", "clear a unit's error and retry the failed hook");
  c_resolve->alias("resolved");
  c_resolve->add_option("unit", unit_name)->required();
  c_resolve->add_flag("--no-retry", no_retry, "skip the failed hook instead of retrying it");

  std::vector<std::string> command;
  auto* c_ssh = app.add_subcommand("ssh", "a shell (or a command) on a unit's machine, in its charm dir");
  c_ssh->add_option("unit", unit_name)->required();
  // Everything after UNIT is the command, verbatim (`ssh web/0 sh -c 'ls -l'`), as juju ssh;
  // a leading `--` is accepted and dropped (without_ssh_separator).
  c_ssh->prefix_command();
  c_ssh->allow_extras();
  c_ssh->fallthrough(false);  // the command's own options are not charm-sim's
  c_ssh->footer("Usage: charm-sim ssh UNIT [--] [COMMAND ARGS...]   (no command: a login shell)");

  auto* c_destroy = app.add_subcommand("destroy", "remove every application, machine and the model dir");

  std::string scenario;
  bool keep = false;
  auto* c_test = app.add_subcommand("test", "run a scenario file: steps with expectations");
  c_test->add_option("scenario", scenario)->required();
  c_test->add_flag("--keep", keep, "keep the scenario's model dir afterwards (for debugging)");

  sim::ImageCommandArgs image_args;
  auto* c_image = sim::setup_image_command(app, image_args);

  try {
    std::vector<char*> args = without_ssh_separator(argc, argv);
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : sim::cmd::usage;
  }
  g.model_dir = model_dir;
  g.colour = ::isatty(STDERR_FILENO) && !std::getenv("NO_COLOR") && !no_colour;
  namespace c = sim::cmd;
  try {
    if (c_deploy->parsed()) return c::deploy(g, deploy);
    if (c_add->parsed()) return c::add_unit(g, app_name, count);
    if (c_remove_unit->parsed()) return c::remove_unit(g, units);
    if (c_remove_app->parsed()) return c::remove_application(g, app_name);
    if (c_relate->parsed()) return c::relate(g, app_name, other);
    if (c_unrelate->parsed()) return c::remove_relation(g, app_name, other);
    if (c_config->parsed()) return c::config(g, app_name, settings, reset, format);
    if (c_run->parsed()) return c::run_action(g, unit_name, action, params, format);
    if (c_status->parsed()) return c::status(g, status_format);
    if (c_show->parsed()) return c::show_unit(g, unit_name, format);
    if (c_log->parsed()) return c::debug_log(g, include, lines);
    if (c_tick->parsed()) return c::tick(g, count);
    if (c_upgrade->parsed()) return c::upgrade(g, app_name, path, upgrade_resources);
    if (c_resolve->parsed()) return c::resolve(g, unit_name, !no_retry);
    if (c_ssh->parsed()) {
      command = c_ssh->remaining();
      return c::ssh(g, unit_name, command);
    }
    if (c_destroy->parsed()) return c::destroy(g);
    if (c_image->parsed()) return sim::run_image_command(image_args);
    if (c_test->parsed()) return sim::run_scenario_file(g, scenario, keep);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ERROR %s\n", e.what());
    return c::failed;
  }
  return c::usage;
}
