// exec.d pre-install scripts, as layer-basic's execd_run(stop_on_error=True).
#include "runtime/execd.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>
#include <vector>

#include "charm/hook_tools.hpp"
#include "runtime/subprocess.hpp"

namespace charm::detail {
namespace {

namespace fs = std::filesystem;

// Module directories in name order (upstream takes os.listdir order, which is arbitrary).
std::vector<fs::path> pre_install_scripts(const fs::path& execd_dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(execd_dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(execd_dir, ec)) {
    if (!entry.is_directory(ec)) continue;
    fs::path script = entry.path() / "charm-pre-install";
    if (fs::is_regular_file(script, ec) && ::access(script.c_str(), X_OK) == 0) out.push_back(script);
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path sentinel_for(const fs::path& script) {
  fs::path module = script.parent_path();
  return module.parent_path() / ("." + module.filename().string() + "_" + script.filename().string() + ".done");
}

}  // namespace

std::optional<int> run_execd_pre_install(const fs::path& charm_dir) {
  for (const fs::path& script : pre_install_scripts(charm_dir / "exec.d")) {
    fs::path sentinel = sentinel_for(script);
    std::error_code ec;
    if (fs::exists(sentinel, ec)) continue;
    ProcessResult r = run_process({script.string()});
    // The agent logs hook stdout; upstream sends the script's stderr there too.
    std::cout << r.out << r.err << std::flush;
    if (r.exit_code == 0) {
      std::time_t now = std::time(nullptr);
      std::ofstream(sentinel) << script.string() << " ran successfully " << std::ctime(&now)
                              << "Removing this file will cause it to be run again\n";
      continue;
    }
    std::cout << "ERROR (" << r.exit_code << ") running " << script.string() << "\n" << std::flush;
    std::string short_path = fs::relative(script, charm_dir, ec).string();
    if (short_path.empty()) short_path = script.string();
    try {
      hookcmd::status_set("blocked", "Error (" + std::to_string(r.exit_code) + ") running " + short_path);
      return 0;  // leave the unit blocked rather than in error
    } catch (const std::exception& e) {
      std::cout << "status-set failed: " << e.what() << "\n" << std::flush;
    }
    return r.exit_code ? r.exit_code : 1;
  }
  return std::nullopt;
}

}  // namespace charm::detail
