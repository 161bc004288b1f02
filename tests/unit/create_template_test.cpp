#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/create_template.hpp"
#include "util/error.hpp"

namespace fs = std::filesystem;
using cli::charm_name_problem;
using cli::fill_placeholders;
using cli::maintainer_problem;
using Catch::Matchers::Contains;

namespace {

// A templates folder in a fresh temp dir.
class TemplatesDir {
 public:
  TemplatesDir() {
    std::string pattern = (fs::temp_directory_path() / "create-template-test-XXXXXX").string();
    m_root = ::mkdtemp(pattern.data());
  }
  ~TemplatesDir() { fs::remove_all(m_root); }
  TemplatesDir(const TemplatesDir&) = delete;
  TemplatesDir& operator=(const TemplatesDir&) = delete;

  void write(const std::string& relpath, const std::string& text, fs::perms mode = fs::perms(0644)) const {
    fs::path path = m_root / relpath;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    fs::permissions(path, mode);
  }
  const fs::path& root() const { return m_root; }

 private:
  fs::path m_root;
};

const cli::Placeholders values{{"charm_name", "my-app"}, {"year", "2030"}};

}  // namespace

TEST_CASE("create_template: Juju's charm names are accepted", "[create_template]") {
  for (const char* name : {"a", "my-app", "app2", "app-2b", "k8s-master", "x-y-z"}) {
    INFO(name);
    CHECK_FALSE(charm_name_problem(name));
  }
}

TEST_CASE("create_template: bad charm names say what is wrong", "[create_template]") {
  CHECK_THAT(*charm_name_problem("MyCharm"), Contains("must start with a lower-case letter: 'MyCharm'"));
  CHECK_THAT(*charm_name_problem(""), Contains("must start with a lower-case letter"));
  CHECK_THAT(*charm_name_problem("2app"), Contains("must start with a lower-case letter"));
  CHECK_THAT(*charm_name_problem("my_app"), Contains("only hold lower-case letters, digits and dashes"));
  CHECK_THAT(*charm_name_problem("my/app"), Contains("only hold lower-case letters"));
  CHECK_THAT(*charm_name_problem("myApp"), Contains("only hold lower-case letters"));
  CHECK_THAT(*charm_name_problem("app-"), Contains("empty word"));
  CHECK_THAT(*charm_name_problem("a--b"), Contains("empty word"));
  CHECK_THAT(*charm_name_problem("app-2"), Contains("word of digits only ('2')"));
}

TEST_CASE("create_template: maintainers are 'Name <address>'", "[create_template]") {
  CHECK_FALSE(maintainer_problem("Jane Doe <jane@example.com>"));
  CHECK(maintainer_problem("jane@example.com"));
  CHECK(maintainer_problem("Jane Doe"));
  CHECK(maintainer_problem(" <jane@example.com>"));
  CHECK(maintainer_problem("Jane <jane>"));
  CHECK(maintainer_problem("Jane \"JD\" Doe <jane@example.com>"));
}

TEST_CASE("create_template: placeholders are filled, other braces kept", "[create_template]") {
  CHECK(fill_placeholders("name: {{charm_name}}\n", values, "f") == "name: my-app\n");
  CHECK(fill_placeholders("{{charm_name}}{{charm_name}}", values, "f") == "my-appmy-app");
  CHECK(fill_placeholders("std::map<int, int> m{{1, 2}};", values, "f") == "std::map<int, int> m{{1, 2}};");
  CHECK(fill_placeholders("${{JUJU_DISPATCH_PATH}}", values, "f") == "${{JUJU_DISPATCH_PATH}}");
  CHECK(fill_placeholders("{{{charm_name}}}", values, "f") == "{my-app}");
  CHECK(fill_placeholders("{{ charm_name }} {{}}", values, "f") == "{{ charm_name }} {{}}");
  CHECK(fill_placeholders("", values, "f") == "");
}

TEST_CASE("create_template: a misspelt placeholder is an error with its line", "[create_template]") {
  CHECK_THROWS_WITH(fill_placeholders("a\nb {{charm_nmae}}\n", values, "t/metadata.yaml"),
                    Contains("t/metadata.yaml:2: unknown placeholder {{charm_nmae}}") &&
                        Contains("known: {{charm_name}}, {{year}}"));
}

TEST_CASE("create_template: a template renders names, contents and modes", "[create_template]") {
  TemplatesDir dir;
  dir.write("t1/template.yaml", "description: first\nnext-steps: ['edit {{charm_dir}}']\n");
  dir.write("t1/metadata.yaml", "name: {{charm_name}}\n");
  dir.write("t1/reactive/{{charm_name}}.sh", "#!/bin/sh\n# @when {{charm_name}}.installed\n", fs::perms(0755));
  dir.write("t2/template.yaml", "description: second\n");
  dir.write("not-a-template/README.md", "no template.yaml here\n");

  auto templates = cli::list_templates(dir.root());
  REQUIRE(templates.size() == 2);
  CHECK(templates[0].name == "t1");
  CHECK(templates[0].description == "first");
  CHECK(templates[0].next_steps == std::vector<std::string>{"edit {{charm_dir}}"});
  CHECK(templates[1].name == "t2");

  auto files = cli::render_template(templates[0], values);
  REQUIRE(files.size() == 2);
  CHECK(files[0].relpath == "metadata.yaml");
  CHECK(files[0].content == "name: my-app\n");
  CHECK(files[1].relpath == "reactive/my-app.sh");
  CHECK(files[1].content == "#!/bin/sh\n# @when my-app.installed\n");
  CHECK(files[1].mode == fs::perms(0755));
}

TEST_CASE("create_template: broken template folders are reported", "[create_template]") {
  TemplatesDir dir;
  dir.write("bad/template.yaml", "description: [not, a, line]\n");
  CHECK_THROWS_WITH(cli::load_template(dir.root() / "bad"), Contains("'description' must be a one-line string"));
  CHECK_THROWS_WITH(cli::load_template(dir.root() / "missing"), Contains("template.yaml: not found"));
  dir.write("clash/template.yaml", "description: d\n");
  dir.write("clash/{{charm_name}}.txt", "");
  dir.write("clash/my-app.txt", "");
  CHECK_THROWS_WITH(cli::render_template(cli::load_template(dir.root() / "clash"), values),
                    Contains("two files become my-app.txt"));
}

TEST_CASE("create_template: the bundled templates render without unknown placeholders", "[create_template]") {
  fs::path bundled = fs::path(__FILE__).parent_path() / "../../templates";
  auto templates = cli::list_templates(bundled);
  REQUIRE(templates.size() >= 2);
  cli::Placeholders all{{"charm_name", "my-app"}, {"maintainer", "Jane Doe <jane@example.com>"}, {"year", "2030"}};
  for (const auto& t : templates) {
    INFO(t.name);
    auto files = cli::render_template(t, all);
    bool has_handler = false;
    for (const auto& f : files) {
      CHECK(f.relpath.string().find("{{") == std::string::npos);
      if (f.relpath.string().rfind("reactive/my-app.", 0) == 0) has_handler = true;
    }
    CHECK(has_handler);
  }
}
