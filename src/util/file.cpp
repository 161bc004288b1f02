#include "util/file.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "util/error.hpp"

namespace util {

namespace {

std::string errno_text() { return std::strerror(errno); }

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }
  int release() {
    int fd = m_fd;
    m_fd = -1;
    return fd;
  }

 private:
  int m_fd;
};

std::string hex_of(const unsigned char* digest, unsigned int length) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(length * 2, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace

std::optional<std::string> read_file_if_exists(const fs::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    throw BuildError("cannot read " + path.string() + ": " + errno_text());
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw BuildError("cannot stat " + path.string() + ": " + errno_text());
  if (!S_ISREG(st.st_mode)) return std::nullopt;
  std::string bytes;
  bytes.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (true) {
    if (done == bytes.size()) bytes.resize(bytes.size() + 4096);  // file grew, or st_size was 0 (procfs)
    ssize_t n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw BuildError("cannot read " + path.string() + ": " + errno_text());
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

std::string read_file(const fs::path& path) {
  auto bytes = read_file_if_exists(path);
  if (!bytes) throw BuildError("cannot read " + path.string() + ": no such file");
  return std::move(*bytes);
}

void write_file(const fs::path& path, std::string_view bytes, fs::perms mode) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (fd.get() < 0) throw BuildError("cannot write " + path.string() + ": " + errno_text());
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw BuildError("cannot write " + path.string() + ": " + errno_text());
    }
    done += static_cast<size_t>(n);
  }
  if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0)
    throw BuildError("cannot set mode of " + path.string() + ": " + errno_text());
  if (::close(fd.release()) != 0) throw BuildError("cannot write " + path.string() + ": " + errno_text());
}

namespace {

// SHA-256 from the default provider, fetched once. OpenSSL's config file is not read: a
// digest needs none of it, and loading it cost a no-op build ~0.7 ms.
const EVP_MD* sha256_md() {
  static const EVP_MD* md = [] {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched ? fetched : EVP_sha256();
  }();
  return md;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha256_md(), nullptr) != 1)
    throw BuildError("SHA-256 failed");
  return hex_of(digest, length);
}

std::string sha256_file(const fs::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw BuildError("cannot read " + path.string() + ": " + errno_text());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(md.get(), sha256_md(), nullptr);
  char buffer[1 << 16];
  while (true) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw BuildError("cannot read " + path.string() + ": " + errno_text());
    }
    if (n == 0) break;
    EVP_DigestUpdate(md.get(), buffer, static_cast<size_t>(n));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(md.get(), digest, &length);
  return hex_of(digest, length);
}

std::string display_path(const fs::path& path, const fs::path& base) {
  auto rel = path.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return path.string();
  return rel.string();
}

fs::perms current_umask() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<fs::perms>(mask);
}

}  // namespace util
