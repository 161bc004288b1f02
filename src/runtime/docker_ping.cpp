// docker::ping: one HTTP request on dockerd's unix socket, without starting a process.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "charm/docker.hpp"

namespace charm::docker {
namespace {

// Waits for the socket to become ready for `events`; false on timeout or error.
bool wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd pfd{fd, events, 0};
  return ::poll(&pfd, 1, static_cast<int>(left.count())) == 1 && (pfd.revents & (events | POLLHUP));
}

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() { if (m_fd >= 0) ::close(m_fd); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

bool ping(const std::filesystem::path& socket, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = socket.string();
  if (path.size() >= sizeof(address.sun_path)) return false;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);

  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (fd.get() < 0) return false;
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 && errno != EINPROGRESS)
    return false;
  if (!wait_for(fd.get(), POLLOUT, deadline)) return false;

  // HTTP/1.0: the daemon closes the connection after answering, so reading to EOF is the end.
  const std::string request = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n";
  if (::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
    return false;

  std::string response;
  char buffer[512];
  while (response.size() < 4096) {
    if (!wait_for(fd.get(), POLLIN, deadline)) return false;
    ssize_t n = ::recv(fd.get(), buffer, sizeof(buffer), 0);
    if (n < 0) return false;
    if (n == 0) break;
    response.append(buffer, static_cast<size_t>(n));
  }
  const bool status_ok = response.rfind("HTTP/1.0 200", 0) == 0 || response.rfind("HTTP/1.1 200", 0) == 0;
  const auto body = response.find("\r\n\r\n");
  return status_ok && body != std::string::npos && response.compare(body + 4, 2, "OK") == 0;
}

}  // namespace charm::docker
