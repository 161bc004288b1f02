// charm-sim-tool: every hook tool a charm calls (relation-get, status-set, ...), as one static
// multi-call binary keyed on basename(argv[0]). It only forwards: the argv (and a `--file`'s
// content) goes to the simulator over the unix socket in JUJU_AGENT_SOCKET_ADDRESS, and the
// answer's stdout, stderr and exit code come back. All the logic lives in the simulator.
// Plain POSIX I/O and the netstring format of sim/tool_wire.hpp, no iostreams or JSON: a hook
// may call tools hundreds of times, and a small binary starts in a fraction of the time.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sim/tool_wire.hpp"

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "ERROR %s\n", message.c_str());
  return 1;
}

bool read_all(int fd, std::string& out) {
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    out.append(buffer, static_cast<size_t>(n));
  }
}

bool write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// relation-set --file PATH|-: the tool reads the file here (the hook's filesystem, which may be
// a container's) and sends its content; the server sees `--file -`.
bool take_file_argument(std::vector<std::string>& args, std::string& content, std::string& error) {
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--") break;
    std::string path;
    if (args[i] == "--file" && i + 1 < args.size()) {
      path = args[i + 1];
      args[i + 1] = "-";
    } else if (args[i].rfind("--file=", 0) == 0) {
      path = args[i].substr(7);
      args[i] = "--file=-";
    } else {
      continue;
    }
    int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && read_all(fd, content);
    if (!ok) error = "open " + path + ": " + std::strerror(errno);
    if (fd > STDIN_FILENO) ::close(fd);
    return ok;
  }
  return true;
}

bool write_file(const std::string& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  bool ok = write_all(fd, data);
  return ::close(fd) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  std::string tool = args[0].substr(args[0].rfind('/') + 1);
  if (tool == "charm-sim-tool") {  // `charm-sim-tool relation-get ...` works too
    if (args.size() < 2) return fail("usage: charm-sim-tool TOOL [ARGS...]");
    args.erase(args.begin());
    tool = args[0];
  }
  args[0] = tool;

  const char* socket_path = std::getenv("JUJU_AGENT_SOCKET_ADDRESS");
  const char* context_id = std::getenv("JUJU_CONTEXT_ID");
  if (!socket_path || !*socket_path || !context_id)
    return fail(tool + ": not running in a hook context (JUJU_AGENT_SOCKET_ADDRESS and JUJU_CONTEXT_ID unset)");

  std::string stdin_text, file_error;
  if (tool == "relation-set" && !take_file_argument(args, stdin_text, file_error)) return fail(file_error);

  std::vector<std::string> request{context_id, stdin_text};
  request.insert(request.end(), args.begin(), args.end());
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path, sizeof(addr.sun_path) - 1);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
    return fail(std::string("cannot reach the agent at ") + socket_path + ": " + std::strerror(errno));
  if (!write_all(fd, sim::wire::encode(request))) return fail("lost the connection to the agent");
  ::shutdown(fd, SHUT_WR);

  std::string reply;
  read_all(fd, reply);
  ::close(fd);
  std::vector<std::string> fields;
  if (!sim::wire::decode(reply, fields) || fields.size() != 4) return fail("the agent sent no valid answer");
  const std::string& out = fields[1];
  const std::string& output_file = fields[3];
  if (!output_file.empty()) {
    if (!write_file(output_file, out)) return fail("cannot write " + output_file + ": " + std::strerror(errno));
  } else if (!write_all(STDOUT_FILENO, out)) {
    return 1;
  }
  write_all(STDERR_FILENO, fields[2]);
  return std::atoi(fields[0].c_str());
}
