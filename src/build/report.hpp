// The build report charm-tools prints after a build (sorted, unlike upstream's random order).
#pragma once
#include <string>

#include "build/context.hpp"

namespace build {

// The human report: new build / sorted changes / no changes.
std::string format_report(const BuildContext& ctx);
// One JSON document for scripts: layers, files with their owners, warnings, errors, timings.
// `failure` is the message that ended a failed build (empty on success).
std::string format_json_report(const BuildContext& ctx, const std::string& failure = "");

}  // namespace build
