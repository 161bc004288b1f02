#include "build/build_memo.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "build/plan_files.hpp"
#include "build/revision.hpp"
#include "build/toolchain.hpp"
#include "util/file.hpp"
#include "util/hash_cache.hpp"
#include "util/ignore_matcher.hpp"

namespace build {

namespace {

const std::string memo_format = "charm-build memo 1";

// Appends one line per entry under dir: relpath, type, mode and content hash (or link target).
void describe_tree(const fs::path& dir, const std::string& prefix, const util::IgnoreMatcher* prune,
                   std::string& out, int depth = 0) {
  std::error_code ec;
  std::vector<fs::path> children;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) children.push_back(it->path());
  std::sort(children.begin(), children.end());
  for (const fs::path& child : children) {
    std::string relpath = prefix + child.filename().string();
    if (prune && prune->matches(relpath)) continue;
    struct stat lst {}, st {};
    if (::lstat(child.c_str(), &lst) != 0) continue;
    bool stat_ok = true;
    st = lst;
    out += relpath + '\t' + std::to_string(lst.st_mode) + '\t';
    if (S_ISLNK(lst.st_mode)) {  // only links need a second look, at what they point to
      stat_ok = ::stat(child.c_str(), &st) == 0;
      out += "->" + fs::read_symlink(child, ec).string() + '\t' + (stat_ok ? std::to_string(st.st_mode) : "broken");
    }
    if (stat_ok && S_ISREG(st.st_mode)) out += util::hash_cache().sha256(child, st);
    out += '\n';
    // Follows linked directories as the build does; the depth bound stops link loops, which
    // the build itself reports.
    if (stat_ok && S_ISDIR(st.st_mode) && depth < 64) describe_tree(child, relpath + "/", prune, out, depth + 1);
  }
}

std::string env_or_unset(const BuildContext& ctx, const char* name) {
  auto value = ctx.options.getenv(name);
  return std::string(name) + '=' + (value ? *value : std::string("\x01unset"));
}

std::string key_file(const fs::path& cache_dir, const std::string& key) {
  return (cache_dir / "memo" / (key.substr(0, 24) + ".memo")).string();
}

}  // namespace

std::string memo_key(const BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  std::ostringstream k;
  k << CHARM_BUILD_VERSION << '\n' << ctx.cwd.string() << '\n' << o.charm_dir.string() << '\n'
    << (o.build_dir ? o.build_dir->string() : "\x01") << '\n' << o.name.value_or("\x01") << '\n'
    << o.series.value_or("\x01") << '\n' << o.no_local_layers << o.no_wheelhouse_file << '\n'
    << static_cast<int>(util::current_umask()) << '\n';
  // Remote sources and the lock file change what is fetched.
  k << (o.cache_dir ? o.cache_dir->string() : "\x01") << '\n' << o.write_lock_file << o.ignore_lock_file
    << o.use_lock_file_branches << '\n';
  for (const std::string& index : o.layer_indexes) k << "index " << index << '\n';
  for (const char* name : {"CHARM_CACHE_DIR", "CHARM_BUILD_DIR", "CHARM_LAYERS_DIR", "CHARM_INTERFACES_DIR", "LAYER_PATH", "INTERFACE_PATH",
                           "JUJU_REPOSITORY", "CXX", "CHARM_CXXFLAGS", "CHARM_BUILD_CACHE", "XDG_CACHE_HOME", "HOME"})
    k << env_or_unset(ctx, name) << '\n';
  if (o.wheelhouse_overrides) {
    for (const fs::path& f : {*o.wheelhouse_overrides, o.wheelhouse_overrides->parent_path() / "wheelhouse-constraints.txt"})
      k << f.string() << ' ' << (fs::exists(f) ? util::hash_cache().sha256(f) : "-") << '\n';
  }
  // The toolchain: a new libcharm or compiler must rebuild the hook binary.
  fs::path exe_dir = executable_dir();
  for (const fs::path& f : {exe_dir / "charm-build-toolchain.json", exe_dir / "../share/charm-build/toolchain.json"})
    if (auto text = util::read_file_if_exists(f)) k << *text << '\n';
  if (auto tc = locate_toolchain(o.getenv("CXX"), o.getenv("CHARM_CXXFLAGS")); tc && fs::exists(tc->libcharm))
    k << util::hash_cache().sha256(tc->libcharm) << '\n';
  return util::sha256_hex(k.str());
}

std::string inputs_hash(const std::vector<fs::path>& dirs, const fs::path& top_dir) {
  util::IgnoreMatcher prune(default_ignores());  // ignored in every layer: their content never matters
  std::string all;
  for (const fs::path& dir : dirs) {
    all += "layer " + dir.string() + " rev " + layer_revision(dir) + '\n';
    describe_tree(dir, "", &prune, all);
  }
  all += "version " + describe_version(top_dir) + '\n';
  // build.lock is a default ignore (never copied) but it steers fetching and the wheelhouse.
  fs::path lock = top_dir / "build.lock";
  all += "lock " + (fs::exists(lock) ? util::hash_cache().sha256(lock) : std::string("-")) + '\n';
  return util::sha256_hex(all);
}

std::string target_hash(const fs::path& target) {
  std::string all;
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) return "absent";
  all += std::to_string(st.st_mode) + '\n';
  describe_tree(target, "", nullptr, all);
  return util::sha256_hex(all);
}

std::optional<BuildMemo> load_memo(const fs::path& file) {
  auto text = util::read_file_if_exists(file);
  if (!text) return std::nullopt;
  std::istringstream in(*text);
  std::string line;
  if (!std::getline(in, line) || line != memo_format) return std::nullopt;
  BuildMemo memo;
  bool complete = false;
  while (std::getline(in, line)) {
    size_t space = line.find(' ');
    std::string tag = line.substr(0, space), value = space == std::string::npos ? "" : line.substr(space + 1);
    if (tag == "key") memo.key = value;
    else if (tag == "probe") memo.probes.push_back({fs::path(value.substr(2)), value[0] == 'd'});
    else if (tag == "input") memo.input_dirs.push_back(value);
    else if (tag == "inputs") memo.inputs = value;
    else if (tag == "target") memo.target = value;
    else if (tag == "charm") memo.charm_name = value;
    else if (tag == "dest") memo.target_dir = value;
    else if (tag == "top") memo.top_dir = value;
    else if (tag == "warning") memo.warnings.push_back(value);
    else if (tag == "proof" && value.size() > 2)
      memo.proof.push_back({value[0] == 'I' ? proof::Level::info : value[0] == 'W' ? proof::Level::warning
                                                                                      : proof::Level::error,
                            value.substr(2)});
    else if (tag == "end") complete = true;
  }
  if (!complete) return std::nullopt;
  return memo;
}

void save_memo(const fs::path& file, const BuildMemo& memo) {
  std::string text = memo_format + "\nkey " + memo.key + "\n";
  for (const Probe& p : memo.probes) text += std::string("probe ") + (p.is_directory ? "d " : "- ") + p.path.string() + "\n";
  for (const fs::path& d : memo.input_dirs) text += "input " + d.string() + "\n";
  text += "inputs " + memo.inputs + "\ntarget " + memo.target + "\ncharm " + memo.charm_name + "\ndest " +
          memo.target_dir.string() + "\ntop " + memo.top_dir.string() + "\n";
  for (const std::string& w : memo.warnings)
    if (w.find('\n') == std::string::npos) text += "warning " + w + "\n";
  for (const proof::Finding& f : memo.proof) {
    if (f.message.find('\n') != std::string::npos) return;  // not representable: no memo, a full build next time
    char level = f.level == proof::Level::info ? 'I' : f.level == proof::Level::warning ? 'W' : 'E';
    text += std::string("proof ") + level + ' ' + f.message + "\n";
  }
  text += "end\n";
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  fs::path tmp = file.string() + ".tmp." + std::to_string(::getpid());
  try {
    util::write_file(tmp, text, fs::perms::owner_read | fs::perms::owner_write);
    fs::rename(tmp, file, ec);
  } catch (const std::exception&) {
  }
  fs::remove(tmp, ec);
}

bool memo_proves_noop(BuildContext& ctx, const fs::path& cache_dir) {
  std::string key = memo_key(ctx);
  auto memo = load_memo(key_file(cache_dir, key));
  auto rebuild = [&](const std::string& why) {
    ctx.diag.debug("full build: " + why);
    return false;
  };
  if (!memo || memo->key != key || memo->charm_name.empty()) return rebuild("no build memo for these options");
  for (const Probe& p : memo->probes) {
    std::error_code ec;
    if (fs::is_directory(p.path, ec) != p.is_directory) return rebuild("include lookup changed: " + p.path.string());
  }
  if (inputs_hash(memo->input_dirs, memo->top_dir) != memo->inputs) return rebuild("a layer changed");
  if (target_hash(memo->target_dir) != memo->target) return rebuild("the target changed since the last build");
  ctx.charm_name = memo->charm_name;
  ctx.target = memo->target_dir;
  ctx.diag.debug("no-op: the build memo shows no input or target change");
  for (const std::string& w : memo->warnings) ctx.diag.warning(w);
  ctx.proof.findings = memo->proof;
  return true;
}

void record_memo(const BuildContext& ctx, const fs::path& cache_dir) {
  BuildMemo memo;
  memo.key = memo_key(ctx);
  memo.probes = ctx.probes;
  for (const Layer& l : ctx.layers) memo.input_dirs.push_back(l.dir);
  for (const Layer& l : ctx.interfaces) memo.input_dirs.push_back(l.dir);
  memo.inputs = inputs_hash(memo.input_dirs, ctx.top().dir);
  memo.target = target_hash(ctx.target);
  memo.charm_name = ctx.charm_name;
  memo.target_dir = ctx.target;
  memo.top_dir = ctx.top().dir;
  memo.warnings = ctx.diag.warnings();
  memo.proof = ctx.proof.findings;
  save_memo(key_file(cache_dir, memo.key), memo);
}

}  // namespace build
