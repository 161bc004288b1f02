// Netstring framing and blocking socket I/O for the charm-reactive protocol.
#include "runtime/socket_io.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace charm::detail {

std::string encode_fields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) {
    out += std::to_string(f.size());
    out += ':';
    out += f;
    out += ',';
  }
  return out;
}

std::optional<std::vector<std::string>> decode_fields(const std::string& text) {
  std::vector<std::string> fields;
  size_t at = 0;
  while (at < text.size()) {
    size_t colon = text.find(':', at);
    if (colon == std::string::npos || colon == at || colon - at > 12) return std::nullopt;
    size_t len = 0;
    for (size_t i = at; i < colon; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      len = len * 10 + size_t(text[i] - '0');
    }
    if (colon + 1 + len >= text.size() || text[colon + 1 + len] != ',') return std::nullopt;
    fields.push_back(text.substr(colon + 1, len));
    at = colon + 2 + len;
  }
  return fields;
}

bool read_to_eof(int fd, std::string& out, size_t limit) {
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;  // includes the receive timeout (EAGAIN)
    }
    out.append(buf, size_t(n));
    if (out.size() > limit) return false;
  }
}

bool write_all(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

}  // namespace charm::detail
