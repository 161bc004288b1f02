// A model on disk: DIR/model.json (written whole to a temp file and renamed, so a crash never
// leaves half a model), DIR/units/ (the units' charm dirs), DIR/logs/. One charm-sim command
// at a time holds DIR/.lock (flock), which is what makes hooks of a model never overlap.
#pragma once
#include <filesystem>

#include "sim/model.hpp"

namespace sim {

class ModelStore {
 public:
  // Opens (and locks) the model in dir; create = start an empty one when there is none.
  // Throws std::runtime_error: "no model in DIR (deploy something first)", or "model DIR is
  // busy" after waiting for another command longer than lock_wait_seconds.
  ModelStore(std::filesystem::path dir, bool create, int lock_wait_seconds = 600);
  ~ModelStore();
  ModelStore(const ModelStore&) = delete;
  ModelStore& operator=(const ModelStore&) = delete;

  Model& model() { return m_model; }
  const std::filesystem::path& dir() const { return m_dir; }
  bool exists() const { return m_exists; }
  void save();
  // A short private directory for the agent socket (unix socket paths are limited to 108 bytes).
  std::filesystem::path runtime_dir() const;

 private:
  std::filesystem::path m_dir;
  Model m_model;
  int m_lock_fd = -1;
  bool m_exists = false;
};

}  // namespace sim
