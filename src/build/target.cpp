#include "build/target.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "build/plan_files.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/hash_cache.hpp"
#include "util/ignore_matcher.hpp"

namespace build {

namespace {

const std::string staging_marker = ".charm-build-staging-";

fs::path staging_path(const BuildContext& ctx) {
  return ctx.build_dir / ("." + ctx.charm_name + staging_marker + std::to_string(::getpid()));
}

bool process_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// Staging dirs left by a killed build of the same charm (never another process's live one).
void remove_stale_staging(const BuildContext& ctx) {
  std::string prefix = "." + ctx.charm_name + staging_marker;
  std::error_code ec;
  for (fs::directory_iterator it(ctx.build_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    pid_t pid = static_cast<pid_t>(std::atoi(name.c_str() + prefix.size()));
    if (pid > 0 && process_alive(pid)) continue;
    fs::remove_all(it->path(), ec);
  }
}

void check_access(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw util::BuildError("Unable to create required path: " + dir.string());
  if (::access(dir.c_str(), R_OK) != 0) throw util::BuildError("Unable to read from: " + dir.string());
  if (::access(dir.c_str(), W_OK) != 0) throw util::BuildError("Unable to write to: " + dir.string());
}

void copy_with_times(const fs::path& from, const fs::path& to, fs::perms mode) {
  std::error_code ec;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) throw util::BuildError("cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
  fs::permissions(to, mode, ec);
  struct stat st {};
  if (::stat(from.c_str(), &st) == 0) {
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    ::utimensat(AT_FDCWD, to.c_str(), times, 0);
  }
}

void swap_into_place(const fs::path& staging, const fs::path& target) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) {
    // One atomic exchange: at every instant the target is either the old or the new build.
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0)
      throw util::BuildError("cannot replace " + target.string() + ": " + std::strerror(errno));
    fs::remove_all(staging, ec);  // now holds the previous build
  } else if (::rename(staging.c_str(), target.c_str()) != 0) {
    throw util::BuildError("cannot move the build into " + target.string() + ": " + std::strerror(errno));
  }
}

}  // namespace

void prepare_build_dir(BuildContext& ctx) {
  const BuildOptions& opts = ctx.options;
  fs::path dir;
  if (opts.build_dir) {
    dir = *opts.build_dir;
  } else if (auto env = opts.getenv("CHARM_BUILD_DIR")) {
    dir = *env;
  } else if (auto repo = opts.getenv("JUJU_REPOSITORY")) {
    dir = fs::path(*repo) / opts.series.value_or("builds");
  } else {
    dir = "/tmp/charm-builds";
    ctx.diag.warning("Build dir not specified via command-line or environment; defaulting to /tmp/charm-builds");
  }
  ctx.build_dir = (dir.is_absolute() ? dir : ctx.cwd / dir).lexically_normal();
  std::string top = (ctx.top().dir).lexically_normal().string();
  if (!top.empty() && top.back() == '/') top.pop_back();
  if (ctx.build_dir.string().rfind(top + "/", 0) == 0)
    throw util::BuildError(
        "Build directory nested under source directory. This will cause recursive nesting of build artifacts and "
        "can fill up your disk. Please specify a different build directory with --build-dir or $CHARM_BUILD_DIR");
  check_access(ctx.build_dir);
  ctx.target = ctx.build_dir / ctx.charm_name;
  ctx.diag.info("Destination charm directory: " + ctx.target.string());
  remove_stale_staging(ctx);
}

TargetState check_target(BuildContext& ctx) {
  TargetState state;
  std::error_code ec;
  if (!fs::exists(ctx.target, ec)) return state;
  if (!fs::is_directory(ctx.target, ec))
    throw util::BuildError(ctx.target.string() + " exists and is not a directory; remove it or choose another --build-dir");
  state.old_signatures = read_manifest_signatures(ctx.target / ".build.manifest");
  util::IgnoreMatcher ignored(default_ignores());
  for (fs::recursive_directory_iterator it(ctx.target, ec), end; !ec && it != end; it.increment(ec)) {
    std::string relpath = it->path().lexically_relative(ctx.target).generic_string();
    if (ignored.matches(relpath)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory() || relpath == ".build.manifest") continue;
    state.current_hashes[relpath] = util::hash_cache().sha256(it->path());
    state.current_modes[relpath] = it->status().permissions() & fs::perms::mask;
  }
  auto conflict = [&](const char* what, const std::string& relpath) {
    ctx.diag.warning(std::string("Conflict: File in destination directory was ") + what +
                     " after charm build: " + relpath);
    state.has_conflicts = true;
  };
  if (!state.old_signatures) {
    // Not made by charm-build (upstream writes over it silently): every file would be clobbered.
    for (const auto& [relpath, hash] : state.current_hashes) {
      conflict("added", relpath);
      state.user_files.push_back(relpath);
    }
  } else {
    for (const auto& [relpath, hash] : state.current_hashes) {
      auto it = state.old_signatures->find(relpath);
      if (it == state.old_signatures->end()) {
        conflict("added", relpath);
        state.user_files.push_back(relpath);
      } else if (it->second.size() == 3 && it->second[0] != "build" && it->second[2] != hash) {
        conflict("modified", relpath);
      }
    }
    for (const auto& [relpath, signature] : *state.old_signatures)
      if (relpath != ".build.manifest" && !state.current_hashes.count(relpath) && !ignored.matches(relpath))
        conflict("deleted", relpath);
  }
  if (state.has_conflicts) {
    if (ctx.options.force == Force::no)
      throw util::BuildError("Unable to continue due to unexpected modifications (try --force)");
    ctx.diag.warning("Continuing with known changes to target layer. Changes will be overwritten");
  }
  return state;
}

namespace {

bool is_noop(const BuildContext& ctx, const TargetState& state, const std::string& manifest_text) {
  if (!state.old_signatures || state.has_conflicts) return false;
  auto old_manifest = util::read_file_if_exists(ctx.target / ".build.manifest");
  if (!old_manifest || *old_manifest != manifest_text) return false;
  for (const auto& [relpath, file] : ctx.output.files) {
    auto mode = state.current_modes.find(relpath);
    if (mode == state.current_modes.end()) return false;
    if (!file.keep_existing_mode && mode->second != file.mode) return false;
  }
  std::error_code ec;
  for (const auto& dir : ctx.output.directories)
    if (!fs::is_directory(ctx.target / dir, ec)) return false;
  return true;
}

WriteResult diff_against(const TargetState& state, const BuildContext& ctx) {
  WriteResult result;
  result.changed = true;
  if (!state.old_signatures) return result;
  for (const auto& [relpath, file] : ctx.output.files) {
    auto it = state.old_signatures->find(relpath);
    if (it == state.old_signatures->end())
      result.added.push_back(relpath);
    else if (it->second.size() != 3 || it->second[2] != file.sha256)
      result.modified.push_back(relpath);
  }
  for (const auto& [relpath, signature] : *state.old_signatures)
    if (relpath != ".build.manifest" && !ctx.output.files.count(relpath)) result.removed.push_back(relpath);
  return result;
}

// Test hook: CHARM_BUILD_FAULT_AFTER_WRITES=N kills the process after N files are staged, so
// tests can prove that a build killed mid-way leaves the previous build as it was.
void maybe_inject_fault(const BuildContext& ctx, size_t written) {
  static const long fault_after = std::atol(ctx.options.getenv("CHARM_BUILD_FAULT_AFTER_WRITES").value_or("0").c_str());
  if (fault_after > 0 && written >= static_cast<size_t>(fault_after)) ::raise(SIGKILL);
}

void write_tree(const BuildContext& ctx, const TargetState& state, const fs::path& staging,
                const std::string& manifest_text) {
  size_t written = 0;
  std::error_code ec;
  fs::create_directory(staging, ec);
  if (ec) throw util::BuildError("cannot create " + staging.string() + ": " + ec.message());
  for (const auto& dir : ctx.output.directories) {
    fs::create_directories(staging / dir, ec);
    if (ec) throw util::BuildError("cannot create " + (staging / dir).string() + ": " + ec.message());
  }
  for (const auto& [relpath, file] : ctx.output.files) {
    fs::path to = staging / relpath;
    fs::perms mode = file.mode;
    if (file.keep_existing_mode)
      if (auto it = state.current_modes.find(relpath); it != state.current_modes.end()) mode = it->second;
    if (file.copy_from)
      copy_with_times(*file.copy_from, to, mode);
    else
      util::write_file(to, file.bytes, mode);
    maybe_inject_fault(ctx, ++written);
  }
  // Files the user added and kept with --force survive the rebuild, as upstream.
  for (const auto& relpath : state.user_files) {
    if (ctx.output.files.count(relpath)) continue;
    fs::create_directories((staging / relpath).parent_path(), ec);
    copy_with_times(ctx.target / relpath, staging / relpath, state.current_modes.at(relpath));
  }
  util::write_file(staging / ".build.manifest", manifest_text,
                   (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::group_write |
                    fs::perms::others_read | fs::perms::others_write) &
                       ~util::current_umask());
}

}  // namespace

WriteResult write_target(BuildContext& ctx, const TargetState& state, const std::string& manifest_text) {
  if (is_noop(ctx, state, manifest_text)) return WriteResult{};
  WriteResult result = diff_against(state, ctx);
  fs::path staging = staging_path(ctx);
  std::error_code ec;
  fs::remove_all(staging, ec);
  try {
    write_tree(ctx, state, staging, manifest_text);
    swap_into_place(staging, ctx.target);
    // What was just written need not be read back (the build memo hashes the target next).
    for (const auto& [relpath, file] : ctx.output.files) util::hash_cache().remember(ctx.target / relpath, file.sha256);
    util::hash_cache().remember(ctx.target / ".build.manifest", util::sha256_hex(manifest_text));
  } catch (...) {
    fs::remove_all(staging, ec);  // the previous build stays exactly as it was
    throw;
  }
  return result;
}

}  // namespace build
