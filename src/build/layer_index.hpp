// Layer indexes: where `layer:NAME` / `interface:NAME` live when no local directory has them.
// An index is a URL prefix; <index>layers/NAME.json (or interfaces/) holds {"repo": GIT_URL,
// "subdir": optional path inside the repository}. file:// and plain paths are read from disk,
// http(s) with curl under a timeout.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "build/layer.hpp"

namespace build {

inline constexpr const char* default_layer_index = "https://juju.github.io/layer-index/";

struct IndexEntry {
  std::string repo;       // a git URL, possibly with @REV
  std::string subdir;     // "" for the repository root
  std::string entry_url;  // the index document it came from, for messages
};

// The -i option split at commas, DEFAULT replaced by the public index; every index ends in "/".
// An empty option means the public index alone.
std::vector<std::string> expand_layer_indexes(const std::vector<std::string>& option);

// One index document. Throws util::BuildError naming entry_url when it is not an object with a
// string "repo" (and a relative "subdir" that stays inside the repository, if any).
IndexEntry parse_index_entry(const std::string& json_text, const std::string& entry_url);

// What reading one index document gave.
struct IndexResponse {
  enum class Status { found, missing, unreachable } status = Status::missing;
  std::string body;    // the document, when found
  std::string reason;  // why, when unreachable
};
using IndexReader = std::function<IndexResponse(const std::string& url)>;

// Reads file://, plain-path and http(s) documents (curl, 10 s to connect, 30 s in all).
IndexResponse read_index_document(const std::string& url);

class LayerIndex {
 public:
  explicit LayerIndex(std::vector<std::string> indexes, IndexReader reader = read_index_document)
      : m_indexes(std::move(indexes)), m_reader(std::move(reader)) {}

  struct Result {
    std::optional<IndexEntry> entry;      // the first index listing the name, if any
    std::vector<std::string> tried;       // every document looked at, in order
    std::vector<std::string> unreachable; // "URL: reason" for indexes that could not be read
  };

  // Looks NAME up in each index in turn, then NAME without a juju-layer-/juju-relation-
  // prefix, as charm-tools does. Throws util::BuildError for a junk document. An index that
  // could not be reached is not asked again during this build.
  Result lookup(LayerKind kind, const std::string& name);

 private:
  std::vector<std::string> m_indexes;
  IndexReader m_reader;
  std::vector<std::pair<std::string, std::string>> m_dead;  // index, reason
};

}  // namespace build
