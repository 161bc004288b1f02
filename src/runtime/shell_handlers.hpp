// Handlers written as executables (runtime.md §10, improved): a file under `reactive/` or
// `hooks/reactive/` of the charm, with no extension or `.sh`, starting with `#!`, that
// declares its conditions in the comment lines at its top:
//
//   #!/bin/bash
//   # @when docker.ready
//   # @when_not app.configured
//   # @hook config-changed          (alternatives: @hook {install,upgrade-charm})
//   # @when_any a b | @when_not_all a b | @when_file_changed path | @only_once
//   charm-reactive set_flag app.configured
//
// One handler per file, run with no arguments; `charm-reactive` reaches the hook process.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "charm/reactive.hpp"

namespace charm::detail {

// The handler declared by a file's header (id = path relative to the charm dir; source
// "shell"), without its action. nullopt when the header declares nothing. Throws
// std::runtime_error "<path>:<line>: ..." for an unknown or malformed directive, since a typo
// would otherwise change when the handler runs.
std::optional<HandlerSpec> parse_shell_handler(const std::string& text, const std::string& display_path);

// Every shell handler of the charm, in sorted path order, each running its file.
std::vector<HandlerSpec> discover_shell_handlers(const std::filesystem::path& charm_dir);

}  // namespace charm::detail
