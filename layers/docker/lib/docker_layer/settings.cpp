#include "docker_layer/settings.hpp"

#include <charm/charm.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace docker_layer {
namespace {

// systemd and the init script read proxies from here; dockerd needs both spellings for
// some versions.
constexpr const char* kProxyHeader = "# Written by the docker charm from its http_proxy, https_proxy and no_proxy config.\n";

std::string config_text(const char* key) {
  const nlohmann::json value = charm::config(key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::string or_model(std::string value, const char* model_variable) {
  if (!value.empty()) return value;
  const char* model = std::getenv(model_variable);
  return model ? model : "";
}

void refuse_unsafe(const std::string& value, const char* option) {
  // The value lands in a systemd Environment= line and a shell file: keep it one plain word.
  for (char c : value)
    if (c == '"' || c == '\\' || c == '\n' || c == '$' || c == '`' || c == ' ' || c == '\'')
      throw ConfigError(std::string(option) + ": proxy settings may not contain spaces, quotes, '$', '`' or '\\' "
                        "(got \"" + value + "\")");
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string dropin_text(const Proxy& proxy) {
  std::string text = std::string(kProxyHeader) + "[Service]\n";
  auto line = [&](const char* name, const std::string& value) {
    if (!value.empty()) text += "Environment=\"" + std::string(name) + "=" + value + "\"\n";
  };
  line("HTTP_PROXY", proxy.http);
  line("HTTPS_PROXY", proxy.https);
  line("NO_PROXY", proxy.no);
  return text;
}

// /etc/default/docker with our DOCKER_OPTS (written by DaemonOptions::write) and, for the init
// script, our proxy exports between markers; the operator's other lines are kept.
bool write_init_proxy(const std::filesystem::path& defaults, const Proxy& proxy) {
  const std::string begin = "# >>> docker charm: proxy", end = "# <<< docker charm: proxy";
  std::string text = read_file(defaults), kept;
  std::istringstream lines(text);
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == begin) inside = true;
    if (!inside) kept += line + "\n";
    if (line == end) inside = false;
  }
  if (!proxy.empty()) {
    kept += begin + "\n";
    if (!proxy.http.empty()) kept += "export http_proxy=\"" + proxy.http + "\" HTTP_PROXY=\"" + proxy.http + "\"\n";
    if (!proxy.https.empty()) kept += "export https_proxy=\"" + proxy.https + "\" HTTPS_PROXY=\"" + proxy.https + "\"\n";
    if (!proxy.no.empty()) kept += "export no_proxy=\"" + proxy.no + "\" NO_PROXY=\"" + proxy.no + "\"\n";
    kept += end + "\n";
  }
  return charm::host::write_file(defaults, kept);
}

}  // namespace

const Files& files() {
  static const Files paths;
  return paths;
}

Proxy proxy_from_config() {
  Proxy proxy{or_model(config_text("http_proxy"), "JUJU_CHARM_HTTP_PROXY"),
              or_model(config_text("https_proxy"), "JUJU_CHARM_HTTPS_PROXY"),
              or_model(config_text("no_proxy"), "JUJU_CHARM_NO_PROXY")};
  refuse_unsafe(proxy.http, "http_proxy");
  refuse_unsafe(proxy.https, "https_proxy");
  refuse_unsafe(proxy.no, "no_proxy");
  // Longer lines are cut off by systemd's environment handling in older releases.
  if (proxy.no.size() > 2023)
    throw ConfigError("no_proxy is " + std::to_string(proxy.no.size()) +
                      " characters long; dockerd's environment takes at most 2023: use CIDRs or domains");
  return proxy;
}

void load_config(charm::docker::DaemonOptions& options) {
  try {
    options.set_operator_json(config_text("daemon-opts"));
  } catch (const charm::docker::DaemonOptionsError& e) {
    throw ConfigError(std::string("Invalid daemon-opts: ") + e.what());
  }
  options.set_extra_flags(config_text("docker-opts"));
  const auto conflicts = options.conflicts();
  if (!conflicts.empty()) {
    std::string list;
    for (const auto& c : conflicts) list += (list.empty() ? "" : ", ") + c;
    throw ConfigError("Set in both daemon-opts and docker-opts: " + list + "; dockerd would refuse to start. "
                      "Keep each setting in one place");
  }
}

bool render(const charm::docker::DaemonOptions& options, const Proxy& proxy, bool systemd) {
  bool changed = false;
  try {
    changed = options.write(files().daemon_json, files().defaults);
  } catch (const charm::docker::DaemonOptionsError& e) {
    throw ConfigError(e.what());
  }
  if (systemd) {
    if (proxy.empty()) {
      std::error_code ec;
      changed = std::filesystem::remove(files().proxy_dropin, ec) || changed;
    } else {
      changed = charm::host::write_file(files().proxy_dropin, dropin_text(proxy)) || changed;
    }
  }
  // The init script sources /etc/default/docker; under systemd the exports are harmless no-ops
  // (EnvironmentFile skips lines it cannot read) so they are only written without systemd.
  changed = write_init_proxy(files().defaults, systemd ? Proxy{} : proxy) || changed;
  return changed;
}

}  // namespace docker_layer
