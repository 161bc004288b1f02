// charm-tools' YAML merge rules (utils.deepmerge and delete_path), on Values.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include "yaml/value.hpp"

namespace yaml {

// Thrown when a truthy value in `dest` and a collection in `src` have different kinds at the
// same key (upstream crashes there). key_path is dotted from the root, e.g. "options.port".
class MergeConflict : public std::runtime_error {
 public:
  MergeConflict(std::string key_path, Value::Kind dest_kind, Value::Kind src_kind);
  const std::string& key_path() const { return m_key_path; }

 private:
  std::string m_key_path;
};

// Merges mapping `src` (higher layer) into mapping `dest` (lower layer), key by key in src order:
// mappings recurse, lists append the items dest lacks, everything else is replaced by src's value
// when dest lacks the key, holds a falsy value, or src holds a scalar. New keys are appended; dest keeps its order.
void deep_merge(Value& dest, const Value& src);

enum class DeleteResult { deleted, missing_key, missing_parent };

// Removes a dotted key path ("requires.db") walking mappings only.
DeleteResult delete_path(Value& root, std::string_view dotted_path);

}  // namespace yaml
