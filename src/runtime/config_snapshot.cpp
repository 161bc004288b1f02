// Loading and saving `.juju-persistent-config`.
#include "runtime/config_snapshot.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "charm/kv.hpp"
#include "runtime/log_sink.hpp"

namespace charm::detail {

std::filesystem::path config_snapshot_path(const std::filesystem::path& charm_dir) {
  return charm_dir / ".juju-persistent-config";
}

std::optional<nlohmann::json> load_config_snapshot(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json parsed = nlohmann::json::parse(text.str(), nullptr, false);
  if (!parsed.is_object()) {
    write_log(hookcmd::LogLevel::warning, path.string() + " is not a JSON object; treating every option as changed");
    return std::nullopt;
  }
  return parsed;
}

void save_config_snapshot(const std::filesystem::path& path, const nlohmann::json& config) {
  std::string text = python_json_dumps(config, true);
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(err));
    }
    done += size_t(n);
  }
  ::fchmod(fd, 0600);  // O_CREAT's mode does not apply to an existing file
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(err));
  }
}

}  // namespace charm::detail
