#include "build/layer.hpp"

namespace build {

std::vector<std::string> Layer::config_strings(std::string_view key) const {
  std::vector<std::string> out;
  const yaml::Value* section = config_section(key);
  if (!section) return out;
  if (section->is_scalar() && !section->is_null()) out.push_back(section->text());
  if (section->is_sequence())
    for (const auto& item : section->items())
      if (item.is_scalar() && !item.is_null()) out.push_back(item.text());
  return out;
}

}  // namespace build
