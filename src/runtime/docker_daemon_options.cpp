// DaemonOptions: state in kv, merging, and writing the two files.
#include "charm/docker_daemon_options.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "runtime/docker_opts_text.hpp"

namespace charm::docker {
namespace {

constexpr const char* kSettingsKey = "daemon-opts-additions";  // layer-docker's key
constexpr const char* kFlagsKey = "docker_opts";                // charms.docker DockerOpts' key

std::string flag_name(const std::string& name) {
  std::string_view bare = name;
  while (!bare.empty() && bare.front() == '-') bare.remove_prefix(1);
  bool valid = !bare.empty() && std::all_of(bare.begin(), bare.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!valid) throw DaemonOptionsError("invalid dockerd flag name '" + name + "' (letters, digits and '-' only)");
  return std::string(bare);
}

std::string flag_text(const std::string& name) { return (name.size() == 1 ? "-" : "--") + name; }

std::string check_word(const std::string& word, const std::string& source) {
  if (auto reason = detail::unsafe_word_reason(word))
    throw DaemonOptionsError(source + ": '" + word + "' cannot go into DOCKER_OPTS: " + *reason +
                             ", which the init script and systemd would read differently; set it in "
                             "daemon.json instead");
  return word;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes through a temporary file in the same directory and rename(): readers see the old
// file or the new one, never a part. Keeps an existing file's mode.
bool write_if_changed(const std::filesystem::path& path, const std::string& content) {
  auto existing = read_file(path);
  if (existing && *existing == content) return false;
  auto fail = [&path](int err) {
    return DaemonOptionsError("cannot write " + path.string() + ": " + std::strerror(err));
  };
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) throw fail(ec.value());
  mode_t mode = 0644;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  std::string tmp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) throw fail(errno);
  size_t done = 0;
  int err = 0;
  while (done < content.size() && err == 0) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n > 0) done += static_cast<size_t>(n);
    else if (errno != EINTR) err = errno;
  }
  if (err == 0 && (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0)) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    throw fail(err);
  }
  return true;
}

}  // namespace

DaemonOptions::DaemonOptions(KeyValueStore& kv)
    : m_kv(kv), m_settings(nlohmann::json::object()), m_flags(nlohmann::json::object()),
      m_operator(nlohmann::json::object()) {
  if (auto settings = kv.get(kSettingsKey); settings && !settings->is_null()) {
    if (!settings->is_object()) throw DaemonOptionsError(std::string("unit data '") + kSettingsKey + "' is not a JSON object");
    m_settings = *settings;
  }
  if (auto flags = kv.get(kFlagsKey); flags && !flags->is_null()) {
    if (!flags->is_object()) throw DaemonOptionsError(std::string("unit data '") + kFlagsKey + "' is not a JSON object");
    for (const auto& [name, values] : flags->items()) {
      // Values are lists; older DockerOpts stored a single string for strict adds.
      if (values.is_null() || values.is_array()) m_flags[name] = values;
      else m_flags[name] = nlohmann::json::array({values.is_string() ? values.get<std::string>() : values.dump()});
    }
  }
}

void DaemonOptions::save() const {
  m_kv.set(kSettingsKey, m_settings);
  m_kv.set(kFlagsKey, m_flags);
}

void DaemonOptions::set_operator_json(std::string_view text) { m_operator = parse_daemon_json(text, "daemon-opts"); }

void DaemonOptions::set_extra_flags(std::string_view text) {
  std::vector<std::string> words;
  size_t start = 0;
  while ((start = text.find_first_not_of(" \t\r\n", start)) != std::string_view::npos) {
    size_t end = std::min(text.find_first_of(" \t\r\n", start), text.size());
    words.push_back(check_word(std::string(text.substr(start, end - start)), "docker-opts"));
    start = end;
  }
  m_extra_words = std::move(words);
}

bool DaemonOptions::set(const std::string& key, const nlohmann::json& value) {
  if (key.empty()) throw DaemonOptionsError("daemon.json: empty key");
  if (auto it = m_operator.find(key); it != m_operator.end() && *it != value) return false;
  m_settings[key] = value;
  save();
  return true;
}

bool DaemonOptions::unset(const std::string& key) {
  if (m_settings.erase(key) == 0) return false;
  save();
  return true;
}

std::optional<nlohmann::json> DaemonOptions::get(const std::string& key) const {
  if (auto it = m_operator.find(key); it != m_operator.end()) return *it;
  if (auto it = m_settings.find(key); it != m_settings.end()) return *it;
  return std::nullopt;
}

void DaemonOptions::add_flag(const std::string& name, std::optional<std::string> value, Split split) {
  std::string flag = flag_name(name);
  if (!value) {
    m_flags[flag] = nullptr;
    save();
    return;
  }
  std::vector<std::string> values;
  if (split == Split::on_commas) {
    size_t start = 0;
    while (start <= value->size()) {
      size_t end = std::min(value->find(',', start), value->size());
      if (end > start) values.push_back(value->substr(start, end - start));
      start = end + 1;
    }
  } else {
    values.push_back(*value);
  }
  if (values.empty()) throw DaemonOptionsError("dockerd flag " + flag_text(flag) + ": empty value");
  for (const auto& v : values) check_word(flag_text(flag) + "=" + v, "dockerd flag");
  nlohmann::json& stored = m_flags[flag];
  if (!stored.is_array()) stored = nlohmann::json::array();
  for (const auto& v : values) {
    if (std::find(stored.begin(), stored.end(), v) == stored.end()) stored.push_back(v);
  }
  save();
}

bool DaemonOptions::remove_flag(const std::string& name, std::optional<std::string> value) {
  std::string flag = flag_name(name);
  auto it = m_flags.find(flag);
  if (it == m_flags.end()) return false;
  if (value) {
    if (!it->is_array()) return false;
    auto pos = std::find(it->begin(), it->end(), *value);
    if (pos == it->end()) return false;
    it->erase(pos);
    if (it->empty()) m_flags.erase(it);
  } else {
    m_flags.erase(it);
  }
  save();
  return true;
}

bool DaemonOptions::has_flag(const std::string& name) const { return m_flags.contains(flag_name(name)); }

nlohmann::json DaemonOptions::to_daemon_json() const {
  nlohmann::json merged = m_settings;
  for (const auto& [key, value] : m_operator.items()) merged[key] = value;
  return merged;
}

std::vector<std::string> DaemonOptions::docker_opts_words() const {
  std::vector<std::string> words;
  for (const auto& [name, values] : m_flags.items()) {
    if (!values.is_array()) {
      words.push_back(flag_text(name));
      continue;
    }
    for (const auto& value : values)
      words.push_back(flag_text(name) + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
  }
  words.insert(words.end(), m_extra_words.begin(), m_extra_words.end());
  return words;
}

std::string DaemonOptions::to_docker_opts() const {
  auto words = docker_opts_words();
  for (const auto& word : words) check_word(word, "DOCKER_OPTS");  // unit data may have been edited
  return detail::docker_opts_line(words);
}

std::vector<std::string> DaemonOptions::conflicts() const {
  nlohmann::json settings = to_daemon_json();
  std::vector<std::string> found;
  for (const auto& word : docker_opts_words()) {
    auto name = detail::flag_name_of_word(word);
    if (!name) continue;
    std::string key = detail::daemon_json_key_for_flag(*name);
    std::string entry = key + " (" + flag_text(*name) + ")";
    if (settings.contains(key) && std::find(found.begin(), found.end(), entry) == found.end()) found.push_back(entry);
  }
  return found;
}

bool DaemonOptions::write(const std::filesystem::path& daemon_json_path,
                          const std::filesystem::path& default_file_path) const {
  // Everything is rendered and checked before the first byte is written.
  auto clashes = conflicts();
  if (!clashes.empty()) {
    std::string list;
    for (const auto& c : clashes) list += (list.empty() ? "" : ", ") + c;
    throw DaemonOptionsError("set both in " + daemon_json_path.string() + " and as DOCKER_OPTS flags: " + list +
                             "; dockerd refuses to start so. Keep each setting in one place (daemon-opts or "
                             "docker-opts); nothing was written");
  }
  std::string opts_line = to_docker_opts();
  std::string json_text;
  try {
    json_text = to_daemon_json().dump(2) + "\n";
  } catch (const nlohmann::json::type_error& e) {
    throw DaemonOptionsError("daemon.json cannot be written: " + std::string(e.what()) + "; nothing was written");
  }
  std::string default_text = detail::replace_docker_opts_line(read_file(default_file_path).value_or(""), opts_line,
                                                              daemon_json_path.string());
  bool changed = write_if_changed(daemon_json_path, json_text);
  changed = write_if_changed(default_file_path, default_text) || changed;
  return changed;
}

}  // namespace charm::docker
