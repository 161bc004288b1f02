#include "sim/tool_server.hpp"

#include "sim/tool_wire.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace sim {

ToolServer::ToolServer(std::filesystem::path path) : m_path(std::move(path)) {
  sockaddr_un addr{};
  if (m_path.string().size() >= sizeof(addr.sun_path))
    throw std::runtime_error("socket path too long for a unix socket: " + m_path.string());
  m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (m_fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  ::unlink(m_path.c_str());
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, m_path.c_str(), sizeof(addr.sun_path) - 1);
  if (::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(m_fd, 64) != 0) {
    int err = errno;
    ::close(m_fd);
    throw std::runtime_error("cannot listen on " + m_path.string() + ": " + std::strerror(err));
  }
  // Hooks in containers may run as root with another view of the file: let anyone connect,
  // the socket lives in a private 0700 directory of ours anyway.
  ::chmod(m_path.c_str(), 0666);
}

ToolServer::~ToolServer() {
  if (m_fd >= 0) ::close(m_fd);
  ::unlink(m_path.c_str());
}

void ToolServer::serve_one(const Handler& handler) {
  int conn = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (conn < 0) return;
  // A client that stalls must not hang the agent.
  timeval timeout{10, 0};
  ::setsockopt(conn, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  ::setsockopt(conn, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  // The client shuts down its side once the request is written: read to the end.
  std::string text;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(conn, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  std::vector<std::string> fields;
  ToolResponse res;
  if (!wire::decode(text, fields) || fields.size() < 3) {
    res.exit_code = 1;
    res.err = "ERROR malformed request to the agent\n";
  } else {
    ToolRequest req;
    req.argv.assign(fields.begin() + 2, fields.end());
    req.stdin_text = fields[1];
    res = handler(fields[0], req);
  }
  const std::string data = wire::encode({std::to_string(res.exit_code), res.out, res.err, res.output_file});
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(conn, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(conn);
}

}  // namespace sim
