// docker-compose v1 commands for one project.
#include "charm/docker_compose.hpp"

#include <stdexcept>

#include "runtime/docker_cli.hpp"

namespace charm::docker {

Compose::Compose(std::filesystem::path project_dir, ComposeOptions options)
    : m_project_dir(std::filesystem::absolute(project_dir)), m_options(std::move(options)) {
  if (m_options.binary.empty()) throw std::invalid_argument("docker-compose: empty binary name");
  if (!m_options.file.empty()) {
    m_file = m_options.file.is_absolute() ? m_options.file : m_project_dir / m_options.file;
    if (!std::filesystem::is_regular_file(m_file))
      throw std::invalid_argument("docker-compose: no compose file " + m_file.string());
    return;
  }
  for (const char* name : {"docker-compose.yml", "docker-compose.yaml"}) {
    if (std::filesystem::is_regular_file(m_project_dir / name)) {
      m_file = m_project_dir / name;
      return;
    }
  }
  // Compose itself would go on searching the parent directories.
  throw std::invalid_argument("docker-compose: " + m_project_dir.string() +
                              " has no docker-compose.yml or docker-compose.yaml");
}

std::vector<std::string> Compose::command(const std::string& subcommand) const {
  std::vector<std::string> argv{m_options.binary, "--ansi=never", "--project-directory=" + m_project_dir.string()};
  // Without --file, compose also merges docker-compose.override.yml, as it does when run by hand.
  if (!m_options.file.empty()) argv.push_back("--file=" + m_file.string());
  if (!m_options.project_name.empty()) argv.push_back("--project-name=" + m_options.project_name);
  if (!m_options.host.empty()) argv.push_back("--host=" + m_options.host);
  argv.push_back(subcommand);
  return argv;
}

void Compose::add_services(std::vector<std::string>& argv, const std::vector<std::string>& services) {
  if (services.empty()) return;
  argv.push_back("--");  // a service name is never read as an option
  for (const auto& service : services) {
    if (service.empty()) throw std::invalid_argument("docker-compose: empty service name");
    argv.push_back(service);
  }
}

std::string Compose::up(const std::vector<std::string>& services, Detach detach) const {
  auto argv = command("up");
  if (detach == Detach::yes) argv.push_back("--detach");
  add_services(argv, services);
  auto result = detail::run_checked(argv);
  return result.out + result.err;  // compose reports progress on stderr
}

std::string Compose::down(RemoveImages images, RemoveVolumes volumes, std::optional<int> timeout_seconds) const {
  auto argv = command("down");
  if (timeout_seconds) argv.push_back("--timeout=" + std::to_string(*timeout_seconds));
  if (images == RemoveImages::local) argv.push_back("--rmi=local");
  if (images == RemoveImages::all) argv.push_back("--rmi=all");
  if (volumes == RemoveVolumes::yes) argv.push_back("--volumes");
  auto result = detail::run_checked(argv);
  return result.out + result.err;
}

std::vector<std::string> Compose::ps(const std::vector<std::string>& services) const {
  auto argv = command("ps");
  argv.push_back("--quiet");
  add_services(argv, services);
  return detail::lines(detail::run_checked(argv).out);
}

void Compose::stop(const std::vector<std::string>& services, std::optional<int> timeout_seconds) const {
  auto argv = command("stop");
  if (timeout_seconds) argv.push_back("--timeout=" + std::to_string(*timeout_seconds));
  add_services(argv, services);
  detail::run_checked(argv);
}

void Compose::kill(const std::vector<std::string>& services, const std::string& signal) const {
  if (signal.empty() || signal[0] == '-') throw std::invalid_argument("docker-compose kill: bad signal '" + signal + "'");
  auto argv = command("kill");
  argv.push_back("-s");  // v1's kill has only the short form
  argv.push_back(signal);
  add_services(argv, services);
  detail::run_checked(argv);
}

void Compose::rm(const std::vector<std::string>& services) const {
  auto argv = command("rm");
  argv.push_back("--force");
  add_services(argv, services);
  detail::run_checked(argv);
}

}  // namespace charm::docker
