// The wire format between `charm-reactive` (the client a shell handler runs) and the hook
// process: one request and one reply per connection, each a list of byte strings framed as
// netstrings ("<length>:<bytes>,"), so any argument or output passes through unchanged.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace charm::detail {

std::string encode_fields(const std::vector<std::string>& fields);
// nullopt when the text is not a complete list of netstrings.
std::optional<std::vector<std::string>> decode_fields(const std::string& text);

// Reads until end of file (or `limit` bytes, then fails); false on error or timeout.
bool read_to_eof(int fd, std::string& out, size_t limit);
// Writes everything (no SIGPIPE); false on error.
bool write_all(int fd, const std::string& bytes);

}  // namespace charm::detail
