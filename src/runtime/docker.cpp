// The docker CLI wrapper. Option values are passed as `--flag=value` (one argv element, so a
// value starting with '-' stays a value); operands are checked by require_operand.
#include "charm/docker.hpp"

#include <cstdlib>

#include "runtime/docker_cli.hpp"

namespace charm::docker {

using detail::lines;
using detail::require_operand;
using detail::trim_end;

std::string host_from_environment() {
  const char* host = std::getenv("DOCKER_HOST");
  return host ? host : "";
}

Docker::Docker(ClientOptions options) : m_options(std::move(options)) {
  if (m_options.binary.empty()) throw std::invalid_argument("docker: empty binary name");
}

std::vector<std::string> Docker::command(std::initializer_list<std::string_view> args) const {
  std::vector<std::string> argv{m_options.binary};
  if (!m_options.config_dir.empty()) argv.push_back("--config=" + m_options.config_dir.string());
  if (!m_options.host.empty()) argv.push_back("--host=" + m_options.host);
  for (auto arg : args) argv.emplace_back(arg);
  return argv;
}

std::string Docker::run_checked(const std::vector<std::string>& argv, std::string_view stdin_text) const {
  return detail::run_checked(argv, stdin_text).out;
}

std::string Docker::run(const RunOptions& options) const {
  require_operand("image", options.image);
  auto argv = command({"run"});
  if (options.detach) argv.push_back("--detach");
  if (options.remove) argv.push_back("--rm");
  if (!options.name.empty()) argv.push_back("--name=" + options.name);
  if (!options.network.empty()) argv.push_back("--network=" + options.network);
  if (!options.restart.empty()) argv.push_back("--restart=" + options.restart);
  for (const auto& port : options.ports) argv.push_back("--publish=" + port);
  for (const auto& [key, value] : options.env) argv.push_back("--env=" + key + "=" + value);
  for (const auto& volume : options.volumes) argv.push_back("--volume=" + volume);
  for (const auto& [key, value] : options.labels) argv.push_back("--label=" + key + "=" + value);
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  argv.push_back(options.image);
  argv.insert(argv.end(), options.command.begin(), options.command.end());
  std::string out = run_checked(argv);
  if (!options.detach) return out;
  auto printed = lines(out);  // the id is the last line, after anything a pull printed
  return printed.empty() ? "" : printed.back();
}

void Docker::pull(const std::string& image) const {
  require_operand("image", image);
  auto argv = command({"pull", "--quiet"});
  argv.push_back(image);
  run_checked(argv);
}

std::vector<std::string> Docker::load(const std::filesystem::path& archive) const {
  auto argv = command({"load"});
  argv.push_back("--input=" + archive.string());
  std::vector<std::string> images;
  // "Loaded image: name:tag", or "Loaded image ID: sha256:..." for an untagged image.
  for (const auto& line : lines(run_checked(argv))) {
    for (std::string_view prefix : {"Loaded image: ", "Loaded image ID: "}) {
      if (line.rfind(prefix, 0) == 0) images.push_back(line.substr(prefix.size()));
    }
  }
  return images;
}

void Docker::save(const std::vector<std::string>& images, const std::filesystem::path& archive) const {
  if (images.empty()) throw std::invalid_argument("docker save: no image given");
  auto argv = command({"save"});
  argv.push_back("--output=" + archive.string());
  for (const auto& image : images) {
    require_operand("image", image);
    argv.push_back(image);
  }
  run_checked(argv);
}

std::string Docker::build(const std::filesystem::path& context_dir, const std::string& tag,
                          const BuildOptions& options) const {
  require_operand("tag", tag);
  require_operand("build context", context_dir.string());
  auto argv = command({"build", "--quiet"});
  argv.push_back("--tag=" + tag);
  if (!options.dockerfile.empty()) argv.push_back("--file=" + (context_dir / options.dockerfile).string());
  if (!options.network.empty()) argv.push_back("--network=" + options.network);
  for (const auto& [key, value] : options.build_args) argv.push_back("--build-arg=" + key + "=" + value);
  if (options.no_cache) argv.push_back("--no-cache");
  if (options.pull) argv.push_back("--pull");
  argv.push_back(context_dir.string());
  // --quiet prints only the image id (after any warnings a newer client adds).
  auto out = lines(run_checked(argv));
  return out.empty() ? "" : out.back();
}

std::vector<Container> Docker::ps(AllContainers all) const {
  auto argv = command({"ps", "--no-trunc", "--format={{json .}}"});
  if (all == AllContainers::yes) argv.push_back("--all");
  std::vector<Container> containers;
  for (const auto& line : lines(run_checked(argv))) {
    nlohmann::json row;
    try {
      row = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw DockerError(argv, 0, "unexpected output line '" + line + "': " + e.what());
    }
    auto text = [&row](const char* key) {
      auto it = row.find(key);
      return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    containers.push_back({text("ID"), text("Image"), text("Command"), text("CreatedAt"), text("Names"),
                          text("State"), text("Status"), text("Ports"), text("Labels")});
  }
  return containers;
}

nlohmann::json Docker::inspect(const std::string& name) const {
  require_operand("name", name);
  auto argv = command({"inspect"});
  argv.push_back(name);
  std::string out = run_checked(argv);
  nlohmann::json parsed = nlohmann::json::parse(out, nullptr, false);
  if (!parsed.is_array() || parsed.empty() || !parsed[0].is_object())
    throw DockerError(argv, 0, "unexpected output (not a JSON list of objects): " + trim_end(out));
  return parsed[0];
}

Logs Docker::logs(const std::string& container) const {
  require_operand("container", container);
  auto argv = command({"logs"});
  argv.push_back(container);
  ProcessResult result = detail::run_checked(argv);
  return {std::move(result.out), std::move(result.err)};
}

bool Docker::exists(const std::string& container) const {
  require_operand("container", container);
  auto argv = command({"container", "inspect", "--format={{.Id}}"});
  argv.push_back(container);
  ProcessResult result = run_process(argv);
  if (result.started && result.exit_code == 0) return true;
  // Any other failure (no daemon, no client) is not an answer.
  if (result.started && result.err.find("No such container") != std::string::npos) return false;
  throw DockerError(argv, result.exit_code, result.err);
}

bool Docker::running(const std::string& container) const {
  if (!exists(container)) return false;
  auto argv = command({"container", "inspect", "--format={{.State.Running}}"});
  argv.push_back(container);
  return trim_end(run_checked(argv)) == "true";
}

int Docker::wait(const std::string& container) const {
  require_operand("container", container);
  auto argv = command({"wait"});
  argv.push_back(container);
  std::string out = trim_end(run_checked(argv));
  try {
    return std::stoi(out);
  } catch (const std::exception&) {
    throw DockerError(argv, 0, "unexpected output (not an exit code): " + out);
  }
}

void Docker::stop(const std::string& container, std::optional<int> timeout_seconds) const {
  require_operand("container", container);
  auto argv = command({"stop"});
  if (timeout_seconds) argv.push_back("--time=" + std::to_string(*timeout_seconds));
  argv.push_back(container);
  run_checked(argv);
}

void Docker::kill(const std::string& container, const std::string& signal) const {
  require_operand("container", container);
  auto argv = command({"kill"});
  argv.push_back("--signal=" + signal);
  argv.push_back(container);
  run_checked(argv);
}

void Docker::rm(const std::string& container, Force force, RemoveVolumes volumes) const {
  require_operand("container", container);
  auto argv = command({"rm"});
  if (force == Force::yes) argv.push_back("--force");
  if (volumes == RemoveVolumes::yes) argv.push_back("--volumes");
  argv.push_back(container);
  run_checked(argv);
}

void Docker::rmi(const std::string& image, Force force) const {
  require_operand("image", image);
  auto argv = command({"rmi"});
  if (force == Force::yes) argv.push_back("--force");
  argv.push_back(image);
  run_checked(argv);
}

std::string Docker::prune_containers() const { return run_checked(command({"container", "prune", "--force"})); }

std::string Docker::prune_images(AllImages all) const {
  auto argv = command({"image", "prune", "--force"});
  if (all == AllImages::yes) argv.push_back("--all");
  return run_checked(argv);
}

void Docker::login(const std::string& registry, const std::string& user, const std::string& password) const {
  require_operand("user", user);
  if (password.empty()) throw std::invalid_argument("docker login: empty password");
  auto argv = command({"login", "--password-stdin"});
  argv.push_back("--username=" + user);
  if (!registry.empty()) {  // empty: Docker Hub
    require_operand("registry", registry);
    argv.push_back(registry);
  }
  run_checked(argv, password);
}

nlohmann::json Docker::info() const {
  auto argv = command({"info", "--format={{json .}}"});
  std::string out = run_checked(argv);
  nlohmann::json parsed = nlohmann::json::parse(out, nullptr, false);
  if (!parsed.is_object()) throw DockerError(argv, 0, "unexpected output (not a JSON object): " + trim_end(out));
  // Older clients exit 0 when the daemon does not answer and report it here instead.
  if (auto errors = parsed.find("ServerErrors"); errors != parsed.end() && errors->is_array() && !errors->empty()) {
    std::string text;
    for (const auto& error : *errors)
      text += (text.empty() ? "" : "\n") + (error.is_string() ? error.get<std::string>() : error.dump());
    throw DockerError(argv, 1, text);
  }
  return parsed;
}

bool Docker::available() const {
  try {
    info();
    return true;
  } catch (const DockerError&) {
    return false;
  }
}

}  // namespace charm::docker
