// hooks/hook.template rendering with Python str.format rules and one argument.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace build {

class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `{}` and `{0}` become value; `{{` and `}}` literal braces. Anything else (another field,
// an unmatched brace, mixing automatic and manual numbering) throws TemplateError.
std::string render_hook_template(std::string_view text, std::string_view value);

}  // namespace build
