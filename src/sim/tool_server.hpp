// The agent's end of the hook-tool socket: charm-sim-tool connects, sends its context, stdin
// and argv, and gets code, out, err and output-file back (netstrings, sim/tool_wire.hpp).
#pragma once
#include <filesystem>
#include <functional>
#include <string>

#include "sim/tools/tool.hpp"

namespace sim {

class ToolServer {
 public:
  // Binds and listens on a unix socket at path (an old socket file there is replaced).
  explicit ToolServer(std::filesystem::path path);
  ~ToolServer();
  ToolServer(const ToolServer&) = delete;
  ToolServer& operator=(const ToolServer&) = delete;

  int fd() const { return m_fd; }
  const std::filesystem::path& path() const { return m_path; }
  using Handler = std::function<ToolResponse(const std::string& context_id, const ToolRequest&)>;
  // Accepts one pending connection and answers it (call when fd() is readable).
  void serve_one(const Handler& handler);

 private:
  std::filesystem::path m_path;
  int m_fd = -1;
};

}  // namespace sim
