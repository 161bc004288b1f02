#include "sim/model_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace sim {
namespace fs = std::filesystem;

namespace {
std::string new_uuid() {
  std::mt19937_64 rng{std::random_device{}()};
  auto hex = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "0123456789abcdef"[rng() % 16];
    return s;
  };
  return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
}
}  // namespace

ModelStore::ModelStore(fs::path dir, bool create, int lock_wait_seconds) : m_dir(fs::absolute(std::move(dir))) {
  const fs::path file = m_dir / "model.json";
  if (!fs::exists(file) && !create)
    throw std::runtime_error("no model in " + m_dir.string() + " (deploy something first, or pass -m DIR)");
  fs::create_directories(m_dir);
  m_lock_fd = ::open((m_dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (m_lock_fd < 0) throw std::runtime_error("cannot open " + (m_dir / ".lock").string() + ": " + std::strerror(errno));
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(lock_wait_seconds);
  while (::flock(m_lock_fd, LOCK_EX | LOCK_NB) != 0) {
    if (std::chrono::steady_clock::now() > give_up) {
      ::close(m_lock_fd);
      throw std::runtime_error("model " + m_dir.string() + " is busy: another charm-sim command is running on it");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  m_exists = fs::exists(file);
  if (m_exists) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    auto data = nlohmann::json::parse(text.str(), nullptr, false);
    if (data.is_discarded() || !data.is_object())
      throw std::runtime_error(file.string() + " is damaged (not valid JSON); remove the model dir to start again");
    m_model = model_from_json(data);
  } else {
    m_model.uuid = new_uuid();
    m_model.name = m_dir.filename().string();
  }
}

ModelStore::~ModelStore() {
  if (m_lock_fd >= 0) ::close(m_lock_fd);
}

void ModelStore::save() {
  const fs::path file = m_dir / "model.json";
  const fs::path temp = m_dir / ".model.json.tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << to_json(m_model).dump(1) << '\n';
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temp.string());
  }
  fs::rename(temp, file);
  m_exists = true;
}

fs::path ModelStore::runtime_dir() const {
  fs::path dir = fs::temp_directory_path() / ("charm-sim-" + m_model.uuid.substr(0, 8));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot create " + dir.string() + ": " + std::strerror(errno));
  return dir;
}

}  // namespace sim
