// The client side of the charm-reactive protocol (socket_io.hpp).
#include "runtime/reactive_client.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "runtime/socket_io.hpp"

namespace charm::detail {
namespace {

int fail(const std::string& message) {
  std::string line = "charm-reactive: " + message + "\n";
  [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
  return 2;
}

void write_fd(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += size_t(n);
  }
}

}  // namespace

int run_reactive_client(const std::vector<std::string>& args) {
  const char* path = std::getenv(k_runtime_socket_env);
  if (!path || !*path)
    return fail(std::string(k_runtime_socket_env) +
                " is not set: charm-reactive only works inside a shell handler run by the charm's hook");
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (std::strlen(path) >= sizeof addr.sun_path) return fail(std::string("socket path too long: ") + path);
  std::strcpy(addr.sun_path, path);

  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(std::string("socket: ") + std::strerror(errno));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    int err = errno;
    ::close(fd);
    return fail(std::string("cannot reach the hook at ") + path + ": " + std::strerror(err) +
                " (has the hook's shell handler already finished?)");
  }
  std::string reply;
  bool ok = write_all(fd, encode_fields(args)) && ::shutdown(fd, SHUT_WR) == 0 && read_to_eof(fd, reply, 256u << 20);
  ::close(fd);
  if (!ok) return fail("lost the connection to the hook");
  auto fields = decode_fields(reply);
  if (!fields || fields->size() != 3) return fail("malformed reply from the hook");
  write_fd(STDOUT_FILENO, (*fields)[1]);
  write_fd(STDERR_FILENO, (*fields)[2]);
  return std::atoi((*fields)[0].c_str());
}

}  // namespace charm::detail
