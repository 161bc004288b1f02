// MD5, for the hashes charms.reactive keeps in the kv store (data_changed, when_file_changed).
// Not for security: it exists so that a unit moving from the Python runtime keeps its hashes,
// and so that libcharm needs no crypto library.
#pragma once
#include <string>
#include <string_view>

namespace charm::detail {

// Lower-case hex digest, as Python's hashlib.md5(...).hexdigest().
std::string md5_hex(std::string_view bytes);

}  // namespace charm::detail
