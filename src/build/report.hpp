// The build report charm-tools prints after a build (sorted, unlike upstream's random order).
#pragma once
#include <string>

#include "build/target.hpp"

namespace build {

std::string format_report(bool had_previous_build, const WriteResult& result);
void print_report(bool had_previous_build, const WriteResult& result);

}  // namespace build
