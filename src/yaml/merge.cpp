#include "yaml/merge.hpp"

namespace yaml {

MergeConflict::MergeConflict(std::string key_path, Value::Kind dest_kind, Value::Kind src_kind)
    : std::runtime_error("incompatible types at " + key_path + ": a " + kind_name(dest_kind) +
                         " below is merged with a " + kind_name(src_kind) + " above"),
      m_key_path(std::move(key_path)) {}

namespace {

void merge_at(Value& dest, const Value& src, const std::string& path) {
  for (const auto& [key, src_value] : src.entries()) {
    std::string key_path = path.empty() ? key.text() : path + "." + key.text();
    Value* dest_value = dest.find(key);
    bool dest_truthy = dest_value && dest_value->truthy();
    if (dest_truthy && (src_value.is_mapping() || src_value.is_sequence())) {
      if (dest_value->kind() != src_value.kind())
        throw MergeConflict(key_path, dest_value->kind(), src_value.kind());
      if (src_value.is_mapping()) {
        merge_at(*dest_value, src_value, key_path);
      } else {
        for (const auto& item : src_value.items()) {
          bool present = false;
          for (const auto& existing : dest_value->items())
            if (existing == item) {
              present = true;
              break;
            }
          if (!present) dest_value->push_back(item);
        }
      }
    } else if (dest_value) {
      *dest_value = src_value;
    } else {
      dest.entries().emplace_back(key, src_value);
    }
  }
}

}  // namespace

void deep_merge(Value& dest, const Value& src) { merge_at(dest, src, ""); }

DeleteResult delete_path(Value& root, std::string_view dotted_path) {
  Value* node = &root;
  size_t start = 0;
  while (true) {
    size_t dot = dotted_path.find('.', start);
    std::string_view key = dotted_path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (dot == std::string_view::npos) {
      if (!node->is_mapping()) return DeleteResult::missing_parent;
      return node->erase(key) ? DeleteResult::deleted : DeleteResult::missing_key;
    }
    Value* child = node->is_mapping() ? node->find(key) : nullptr;
    if (!child || !child->is_mapping()) return DeleteResult::missing_parent;
    node = child;
    start = dot + 1;
  }
}

}  // namespace yaml
