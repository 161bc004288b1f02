#include "build/render_common.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/hash_cache.hpp"

namespace build {

OutputFile generated_file(std::string bytes, const std::string& owner) {
  static const fs::perms mode = (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                 fs::perms::group_write | fs::perms::others_read | fs::perms::others_write) &
                                ~util::current_umask();
  OutputFile file;
  file.sha256 = util::sha256_hex(bytes);
  file.bytes = std::move(bytes);
  file.mode = mode;
  file.owner = owner;
  file.kind = SignatureKind::dynamic_file;
  file.keep_existing_mode = true;
  return file;
}

OutputFile copied_file(const fs::path& source, const std::string& owner) {
  OutputFile file;
  file.copy_from = source.string();
  struct ::stat st {};
  if (::stat(source.c_str(), &st) != 0) throw util::BuildError("cannot read " + source.string() + ": " + std::strerror(errno));
  file.sha256 = util::hash_cache().sha256(source, st);  // one stat for the hash and the mode
  file.mode = static_cast<fs::perms>(st.st_mode) & fs::perms::mask;
  file.owner = owner;
  file.kind = SignatureKind::static_file;
  return file;
}

std::string layer_path(const BuildContext& ctx, const Contribution& contribution) {
  return util::display_path(contribution.source, ctx.cwd);
}

}  // namespace build
