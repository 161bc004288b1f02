// charm::host::run: the checked command runner, for charm code.
#include "charm/host.hpp"
#include "runtime/host_command.hpp"

namespace charm::host {

std::string run(const std::vector<std::string>& argv) { return detail::run_checked(argv).out; }

}  // namespace charm::host
