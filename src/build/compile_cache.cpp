#include "build/compile_cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/process.hpp"

namespace build {

namespace fs = std::filesystem;

namespace {

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += w + '\x1f';
  return out;
}

// The compiler's own description, so that a compiler upgrade invalidates the cache.
std::string compiler_identity(const fs::path& cxx) {
  auto result = util::run_process({cxx.string(), "--version"}, fs::current_path());
  if (result.exit_code != 0)
    throw util::BuildError("cannot run the C++ compiler '" + cxx.string() + "' (set $CXX to a working compiler)" +
                           (result.output.empty() ? "" : ": " + result.output));
  return cxx.string() + "\n" + result.output;
}

// One hash over every file under the directories (libcharm's headers).
std::string directory_hash(const std::vector<fs::path>& dirs) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& dir : dirs) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file()) files.emplace_back(it->path().string(), util::sha256_file(it->path()));
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& [path, sha] : files) all += path + ' ' + sha + '\n';
  return util::sha256_hex(all);
}

std::string file_sha(const OutputFile& file) { return file.sha256; }

// Writes the charm's headers into a tree keyed by their content, for -I.
fs::path header_tree(const CompileJob& job, const std::string& key) {
  fs::path tree = job.cache_dir / "headers" / key;
  std::error_code ec;
  if (fs::exists(tree / ".complete", ec)) return tree;
  fs::path staging = tree.string() + ".tmp." + std::to_string(::getpid());
  fs::remove_all(staging, ec);
  for (const auto& [relpath, file] : job.headers) {
    fs::create_directories((staging / relpath).parent_path(), ec);
    if (file.copy_from)
      fs::copy_file(*file.copy_from, staging / relpath, fs::copy_options::overwrite_existing, ec);
    else
      util::write_file(staging / relpath, file.bytes, fs::perms::owner_read | fs::perms::owner_write);
  }
  fs::create_directories(staging, ec);
  util::write_file(staging / ".complete", "", fs::perms::owner_read | fs::perms::owner_write);
  fs::rename(staging, tree, ec);
  if (ec) fs::remove_all(staging, ec);  // another build made it first
  return tree;
}

struct ObjectTask {
  std::string relpath;
  fs::path source;
  fs::path object;
  bool cached = false;
};

}  // namespace

fs::path compile_cache_dir(const std::optional<std::string>& explicit_dir, const std::optional<std::string>& xdg,
                           const std::optional<std::string>& home) {
  if (explicit_dir && !explicit_dir->empty()) return *explicit_dir;
  if (xdg && !xdg->empty()) return fs::path(*xdg) / "charm-build";
  return fs::path(home.value_or("/tmp")) / ".cache" / "charm-build";
}

fs::path compile_hook_binary(const CompileJob& job, Diagnostics& diag) {
  const Toolchain& tc = job.toolchain;
  std::error_code ec;
  fs::create_directories(job.cache_dir / "obj", ec);
  fs::create_directories(job.cache_dir / "bin", ec);
  if (ec) throw util::BuildError("cannot create the compile cache " + job.cache_dir.string() + ": " + ec.message());

  std::string identity = compiler_identity(tc.cxx) + join(tc.cxx_flags) + directory_hash(tc.include_dirs);
  std::string headers_text;
  for (const auto& [relpath, file] : job.headers) headers_text += relpath + ' ' + file_sha(file) + '\n';
  std::string headers_key = util::sha256_hex(headers_text);
  fs::path tree = header_tree(job, headers_key);

  std::vector<std::string> base_args{tc.cxx.string()};
  base_args.insert(base_args.end(), tc.cxx_flags.begin(), tc.cxx_flags.end());
  for (const fs::path& p : {tree, tree / "lib", tree / "hooks" / "relations"}) base_args.push_back("-I" + p.string());
  for (const auto& dir : tc.include_dirs) base_args.push_back("-I" + dir.string());

  std::vector<ObjectTask> tasks;
  fs::path generated_sources = job.cache_dir / "generated";
  for (const auto& [relpath, file] : job.sources) {
    std::string key = util::sha256_hex(identity + headers_key + relpath + ' ' + file_sha(file));
    ObjectTask task{relpath, file.copy_from.value_or(fs::path()), job.cache_dir / "obj" / (key + ".o")};
    if (!file.copy_from) {  // generated source: compile it from the cache
      task.source = generated_sources / (key + ".cpp");
      fs::create_directories(generated_sources, ec);
      util::write_file(task.source, file.bytes, fs::perms::owner_read | fs::perms::owner_write);
    }
    task.cached = fs::exists(task.object, ec);
    tasks.push_back(std::move(task));
  }

  std::string link_text = identity + util::sha256_file(tc.libcharm) + join(tc.link_libs);
  for (const auto& t : tasks) link_text += t.object.filename().string() + '\n';
  fs::path binary = job.cache_dir / "bin" / util::sha256_hex(link_text);
  if (fs::exists(binary, ec)) return binary;

  size_t to_compile = std::count_if(tasks.begin(), tasks.end(), [](const ObjectTask& t) { return !t.cached; });
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  if (to_compile > 0) diag.info("Compiling " + std::to_string(to_compile) + " handler source(s) with " + tc.cxx.string() +
                                " (" + std::to_string(std::min<size_t>(jobs, to_compile)) + " at a time)...");
  std::atomic<size_t> next{0};
  std::mutex mutex;
  bool failed = false;
  auto worker = [&] {
    for (size_t i = next++; i < tasks.size(); i = next++) {
      ObjectTask& t = tasks[i];
      if (t.cached) continue;
      fs::path tmp = t.object.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(i);
      std::vector<std::string> args = base_args;
      // Handler locations in logs read as charm paths ("reactive/app.cpp:12"), not build-machine paths.
      std::string source_dir = t.source.parent_path().string() + "/";
      std::string charm_dir = fs::path(t.relpath).parent_path().string();
      args.push_back("-ffile-prefix-map=" + source_dir + "=" + (charm_dir.empty() ? "" : charm_dir + "/"));
      args.insert(args.end(), {"-c", t.source.string(), "-o", tmp.string()});
      auto result = util::run_process(args, fs::current_path());
      std::lock_guard<std::mutex> lock(mutex);
      if (result.exit_code != 0) {
        failed = true;
        diag.error("compiling " + t.relpath + " failed:\n" + result.output);
        std::error_code ignore;
        fs::remove(tmp, ignore);
      } else {
        std::error_code ignore;
        fs::rename(tmp, t.object, ignore);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < std::min<size_t>(jobs, to_compile); ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  if (failed) return {};

  fs::path tmp = binary.string() + ".tmp." + std::to_string(::getpid());
  std::vector<std::string> args{tc.cxx.string(), "-static", "-s", "-o", tmp.string()};
  for (const auto& t : tasks) args.push_back(t.object.string());
  args.push_back(tc.libcharm.string());
  args.insert(args.end(), tc.link_libs.begin(), tc.link_libs.end());
  args.push_back("-pthread");
  auto result = util::run_process(args, fs::current_path());
  if (result.exit_code != 0) {
    diag.error("linking the hook binary failed:\n" + result.output);
    fs::remove(tmp, ec);
    return {};
  }
  fs::rename(tmp, binary, ec);
  if (ec) throw util::BuildError("cannot store the hook binary in " + binary.string() + ": " + ec.message());
  return binary;
}

}  // namespace build
