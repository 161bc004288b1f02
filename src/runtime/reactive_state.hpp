// Process-wide state of the reactive layer that the dispatcher sets and handlers read.
#pragma once
#include <string>

namespace charm::detail {

// What charm::current_endpoint_name() returns while a handler runs ("" outside endpoint handlers).
void set_current_endpoint_name(std::string name);

}  // namespace charm::detail
