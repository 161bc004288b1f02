#include "build/hook_template.hpp"

namespace build {

std::string render_hook_template(std::string_view text, std::string_view value) {
  std::string out;
  out.reserve(text.size() + value.size());
  bool used_automatic = false, used_manual = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      throw TemplateError("single '}' encountered at offset " + std::to_string(i) + " (write '}}' for a brace)");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    size_t close = text.find('}', i);
    if (close == std::string_view::npos)
      throw TemplateError("single '{' encountered at offset " + std::to_string(i) + " (write '{{' for a brace)");
    std::string_view field = text.substr(i + 1, close - i - 1);
    if (field.empty()) {
      if (used_automatic) throw TemplateError("only one '{}' field is allowed: the template gets one value");
      if (used_manual) throw TemplateError("cannot switch from manual field numbering to automatic");
      used_automatic = true;
    } else if (field == "0") {
      if (used_automatic) throw TemplateError("cannot switch from automatic field numbering to manual");
      used_manual = true;
    } else {
      throw TemplateError("unknown field '{" + std::string(field) +
                          "}': only '{}' or '{0}' (the hook name) may appear; write '{{' and '}}' for braces");
    }
    out += value;
    i = close;
  }
  return out;
}

}  // namespace build
