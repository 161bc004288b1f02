// charm/templating.hpp over kainjow::mustache: JSON context conversion, escaping, template lookup.
#include "charm/templating.hpp"

#include <kainjow/mustache.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "runtime/runtime_context.hpp"

namespace charm::templating {
namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;
namespace {

mustache::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, item] : value.items()) object.set(key, to_data(item));
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value) list.push_back(to_data(item));
      return list;
    }
    case nlohmann::json::value_t::string: return mustache::data{value.get<std::string>()};
    case nlohmann::json::value_t::boolean: return mustache::data{value.get<bool>()};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded: return mustache::data{false};
    default: return mustache::data{value.dump()};  // numbers: 8080, 0.5, 1e+20
  }
}

// The inside of a JSON string literal: quotes, backslashes and control characters escaped.
std::string json_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string render_named(const std::string& name, std::string_view text, const nlohmann::json& context,
                         Escape escape) {
  mustache::mustache tmpl{std::string(text)};
  if (!tmpl.is_valid()) throw TemplateError("template " + name + ": " + tmpl.error_message());
  if (escape == Escape::none) tmpl.set_custom_escape([](const std::string& s) { return s; });
  if (escape == Escape::json) tmpl.set_custom_escape(json_escape);
  std::string out = tmpl.render(to_data(context));
  if (!tmpl.is_valid()) throw TemplateError("template " + name + ": " + tmpl.error_message());
  return out;
}

fs::path charm_dir() {
  if (auto* ctx = detail::RuntimeContext::current_or_null(); ctx && !ctx->env().charm_dir.empty())
    return ctx->env().charm_dir;
  for (const char* name : {"JUJU_CHARM_DIR", "CHARM_DIR"})
    if (const char* dir = std::getenv(name); dir && *dir) return dir;
  std::error_code ec;
  return fs::current_path(ec);
}

}  // namespace

fs::path templates_dir() { return charm_dir() / "templates"; }

std::string render_text(std::string_view template_text, const nlohmann::json& context, Escape escape) {
  return render_named("text", template_text, context, escape);
}

std::string render(const fs::path& source, const nlohmann::json& context, const RenderOptions& options) {
  fs::path path = source.is_absolute() ? source : options.templates_dir.value_or(templates_dir()) / source;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw TemplateError("template " + source.string() + " not found: no file " + path.string() +
                        (source.is_absolute() ? "" : " (relative names are looked up in the charm's templates/ directory)"));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw TemplateError("template " + source.string() + ": cannot read " + path.string());
  return render_named(path.string(), text.str(), context, options.escape);
}

bool render_to_file(const fs::path& source, const fs::path& target, const nlohmann::json& context,
                    const host::FileOptions& file, const RenderOptions& options) {
  return host::write_file(target, render(source, context, options), file);
}

}  // namespace charm::templating
