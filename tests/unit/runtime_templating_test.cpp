// charm/templating.hpp: mustache rendering with a JSON context, escaping, template lookup.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "charm/templating.hpp"
#include "runtime/runtime_context.hpp"

namespace fs = std::filesystem;
namespace tpl = charm::templating;
using nlohmann::json;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "templating-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    m_path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Sets an environment variable for the scope, restoring the old value after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (m_old)
      ::setenv(m_name, m_old->c_str(), 1);
    else
      ::unsetenv(m_name);
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("templating: variables, dotted names, numbers and missing names", "[templating]") {
  json context{{"name", "etcd"}, {"port", 2379}, {"ratio", 0.5}, {"tls", {{"cert", "/etc/ssl/a.pem"}}}};
  CHECK(tpl::render_text("{{name}}:{{port}} {{ratio}} {{tls.cert}} [{{missing}}]", context) ==
        "etcd:2379 0.5 /etc/ssl/a.pem []");
}

TEST_CASE("templating: sections over lists, objects, booleans and null", "[templating]") {
  json context{{"peers", json::array({{{"name", "a"}, {"ip", "10.0.0.1"}}, {{"name", "b"}, {"ip", "10.0.0.2"}}})},
               {"flags", json::array({"x", "y"})},
               {"tls", {{"cert", "c.pem"}}},
               {"debug", true},
               {"quiet", false},
               {"proxy", nullptr},
               {"none", json::array()}};
  std::string text =
      "cluster:\n"
      "{{#peers}}\n"
      "  - {{name}}={{ip}}\n"
      "{{/peers}}\n"
      "flags: {{#flags}}{{.}},{{/flags}}\n"
      "{{#tls}}cert: {{cert}}{{/tls}}\n"
      "{{#debug}}debug: on{{/debug}}{{^debug}}debug: off{{/debug}}\n"
      "{{#quiet}}quiet{{/quiet}}{{^quiet}}loud{{/quiet}}\n"
      "{{^proxy}}no proxy{{/proxy}}\n"
      "{{^none}}no items{{/none}}\n";
  CHECK(tpl::render_text(text, context) ==
        "cluster:\n"
        "  - a=10.0.0.1\n"
        "  - b=10.0.0.2\n"
        "flags: x,y,\n"
        "cert: c.pem\n"
        "debug: on\n"
        "loud\n"
        "no proxy\n"
        "no items\n");
}

TEST_CASE("templating: values are verbatim by default, html and json escaping on request", "[templating]") {
  json context{{"v", "a&b <c> \"d\" 'e' \\ \n$(x)"}};
  CHECK(tpl::render_text("{{v}}|{{{v}}}", context) == "a&b <c> \"d\" 'e' \\ \n$(x)|a&b <c> \"d\" 'e' \\ \n$(x)");
  CHECK(tpl::render_text("{{v}}|{{&v}}", context, tpl::Escape::html) ==
        "a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; \\ \n$(x)|a&b <c> \"d\" 'e' \\ \n$(x)");
  std::string rendered = tpl::render_text("{\"v\": \"{{v}}\"}", context, tpl::Escape::json);
  CHECK(rendered == "{\"v\": \"a&b <c> \\\"d\\\" 'e' \\\\ \\n$(x)\"}");
  CHECK(json::parse(rendered)["v"] == context["v"]);  // the escaped value reads back as it was
  CHECK(tpl::render_text("{{v}}", {{"v", std::string("\x01")}}, tpl::Escape::json) == "\\u0001");
}

TEST_CASE("templating: a template that does not parse is a TemplateError", "[templating]") {
  CHECK_THROWS_AS(tpl::render_text("{{#open}}never closed", json::object()), tpl::TemplateError);
  CHECK_THROWS_WITH(tpl::render_text("{{#a}}x{{/b}}", json::object()), Catch::Contains("template text: "));
}

TEST_CASE("templating: template files come from the charm's templates/ or an absolute path", "[templating]") {
  TempDir charm;
  write(charm.path() / "templates/app/app.conf", "port={{port}}\n");
  json context{{"port", 8080}};

  {
    ScopedEnv juju("JUJU_CHARM_DIR", charm.path().string());
    CHECK(tpl::templates_dir() == charm.path() / "templates");
    CHECK(tpl::render("app/app.conf", context) == "port=8080\n");
  }
  {
    ScopedEnv juju("JUJU_CHARM_DIR", std::nullopt);
    ScopedEnv legacy("CHARM_DIR", charm.path().string());
    CHECK(tpl::render("app/app.conf", context) == "port=8080\n");
  }
  CHECK(tpl::render(charm.path() / "templates/app/app.conf", context) == "port=8080\n");
  CHECK(tpl::render("app/app.conf", context, {.templates_dir = charm.path() / "templates"}) == "port=8080\n");

  TempDir other;
  {
    ScopedEnv juju("JUJU_CHARM_DIR", other.path().string());
    // The running hook's charm directory wins over the environment.
    charm::HookEnv env;
    env.charm_dir = charm.path();
    charm::detail::RuntimeContext hook(env, ":memory:");
    CHECK(tpl::render("app/app.conf", context) == "port=8080\n");
  }

  ScopedEnv juju("JUJU_CHARM_DIR", other.path().string());
  CHECK_THROWS_AS(tpl::render("app/app.conf", context), tpl::TemplateError);
  CHECK_THROWS_WITH(tpl::render("missing.conf", context),
                    Catch::Contains("template missing.conf not found") &&
                        Catch::Contains((other.path() / "templates/missing.conf").string()));
}

TEST_CASE("templating: render_to_file writes atomically with the mode, once", "[templating]") {
  TempDir charm;
  write(charm.path() / "templates/daemon.json", "{\"data-root\": \"{{root}}\"}\n");
  fs::path target = charm.path() / "etc/docker/daemon.json";
  tpl::RenderOptions options{.escape = tpl::Escape::json, .templates_dir = charm.path() / "templates"};

  CHECK(tpl::render_to_file("daemon.json", target, {{"root", "/var/lib/\"docker\""}}, {.mode = 0600}, options));
  CHECK(read(target) == "{\"data-root\": \"/var/lib/\\\"docker\\\"\"}\n");
  struct stat st {};
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  CHECK_FALSE(tpl::render_to_file("daemon.json", target, {{"root", "/var/lib/\"docker\""}}, {.mode = 0600}, options));
  CHECK(tpl::render_to_file("daemon.json", target, {{"root", "/srv/docker"}}, {.mode = 0600}, options));
  CHECK(read(target) == "{\"data-root\": \"/srv/docker\"}\n");
  CHECK_THROWS_AS(tpl::render_to_file("nope.json", target, json::object(), {}, options), tpl::TemplateError);
  CHECK(read(target) == "{\"data-root\": \"/srv/docker\"}\n");  // untouched
}
