// The hook-tool socket's wire format, shared by charm-sim-tool (the client every hook runs)
// and the agent's ToolServer. Each message is a list of byte strings written as netstrings,
// `<decimal length>:<bytes>,`, so any byte may appear and nothing needs escaping or a JSON
// library: the client stays a small static binary that starts fast.
//   request:  context, stdin, argv[0], argv[1], ...   (the client then shuts down its write side)
//   response: exit code (decimal), stdout, stderr, output file ("" = print stdout)
// Header-only and free of dependencies beyond <string> and <vector>.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sim::wire {

inline void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out.append(field.data(), field.size());
  out += ',';
}

inline std::string encode(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) append_field(out, f);
  return out;
}

// The fields of a whole message; false when it is not a sequence of well-formed netstrings.
inline bool decode(std::string_view data, std::vector<std::string>& fields) {
  fields.clear();
  size_t pos = 0;
  while (pos < data.size()) {
    size_t length = 0, digits = 0;
    while (pos < data.size() && data[pos] >= '0' && data[pos] <= '9') {
      if (++digits > 12) return false;
      length = length * 10 + static_cast<size_t>(data[pos++] - '0');
    }
    if (digits == 0 || pos >= data.size() || data[pos] != ':') return false;
    ++pos;
    if (data.size() - pos < length + 1 || data[pos + length] != ',') return false;
    fields.emplace_back(data.substr(pos, length));
    pos += length + 1;
  }
  return true;
}

}  // namespace sim::wire
