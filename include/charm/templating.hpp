// Mustache templates rendered with a JSON context, for the configuration files a charm writes:
// the counterpart of charmhelpers.core.templating, with mustache (kainjow's implementation,
// Debian's libkainjow-mustache-dev) in place of Jinja2.
//
// The context converts as: objects and arrays as they are; strings verbatim; numbers as their
// JSON text (8080, 0.5); true/false switch sections on and off ({{flag}} alone renders nothing,
// write {{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}); null is false. A missing name renders nothing.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "charm/host.hpp"

namespace charm::templating {

// A template that is missing, cannot be read, or does not parse.
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What {{name}} does to a value; {{{name}}} and {{&name}} never escape. The default is none:
// configuration files are not HTML (a password with '&' must stay as it is), and charmhelpers'
// Jinja2 environment does not escape either. json makes values safe inside a JSON string
// ("{{name}}"), html is mustache's standard escaping.
enum class Escape { none, html, json };

struct RenderOptions {
  Escape escape = Escape::none;
  // Where relative template names are found; templates_dir() when unset.
  std::optional<std::filesystem::path> templates_dir;
};

std::string render_text(std::string_view template_text, const nlohmann::json& context, Escape escape = Escape::none);

// `source` is a name relative to the templates directory ("docker/daemon.json") or an absolute path.
std::string render(const std::filesystem::path& source, const nlohmann::json& context,
                   const RenderOptions& options = {});

// Renders `source` and writes it to `target` with host::write_file (atomic, owner, mode, missing
// parent directories created). Returns false when the target already had that content and metadata.
bool render_to_file(const std::filesystem::path& source, const std::filesystem::path& target,
                    const nlohmann::json& context, const host::FileOptions& file = {},
                    const RenderOptions& options = {});

// templates/ in the charm directory: the running hook's, else $JUJU_CHARM_DIR or $CHARM_DIR,
// else the current directory (Juju runs hooks there).
std::filesystem::path templates_dir();

}  // namespace charm::templating
