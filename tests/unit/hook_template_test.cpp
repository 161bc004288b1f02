#include <catch2/catch.hpp>
#include <string>

#include "build/hook_template.hpp"

using build::render_hook_template;
using build::TemplateError;

TEST_CASE("hook_template: {} and {0} become the value", "[hook_template]") {
  CHECK(render_hook_template("{}", "install") == "install");
  CHECK(render_hook_template("{0}", "install") == "install");
  CHECK(render_hook_template("#!/bin/sh\nexec ./run {} \"$@\"\n", "db-relation-joined") ==
        "#!/bin/sh\nexec ./run db-relation-joined \"$@\"\n");
  CHECK(render_hook_template("hook={0}; again={0}", "start") == "hook=start; again=start");
  CHECK(render_hook_template("{}{{}}", "x") == "x{}");
}

TEST_CASE("hook_template: text without fields is unchanged", "[hook_template]") {
  CHECK(render_hook_template("", "install") == "");
  const std::string text =
      "#!/usr/bin/env python3\n\nimport sys\nsys.path.append('lib')\n\nfrom charms.layer import basic  # noqa\n"
      "basic.bootstrap_charm_deps()\n";
  CHECK(render_hook_template(text, "install") == text);
  CHECK(render_hook_template("$X and $(Y)", "v") == "$X and $(Y)");
}

TEST_CASE("hook_template: doubled braces are literal braces", "[hook_template]") {
  CHECK(render_hook_template("{{", "v") == "{");
  CHECK(render_hook_template("}}", "v") == "}");
  CHECK(render_hook_template("{{}}", "v") == "{}");
  CHECK(render_hook_template("{{0}}", "v") == "{0}");
  CHECK(render_hook_template("f() {{ echo {}; }}", "stop") == "f() { echo stop; }");
  CHECK(render_hook_template("${{X}}", "v") == "${X}");
  CHECK(render_hook_template("{{{}}}", "v") == "{v}");
  CHECK(render_hook_template("{{{{", "v") == "{{");
}

TEST_CASE("hook_template: the value is inserted verbatim", "[hook_template]") {
  CHECK(render_hook_template("[{}]", "{0}") == "[{0}]");
  CHECK(render_hook_template("[{}]", "") == "[]");
  CHECK(render_hook_template("[{}]", "}{") == "[}{]");
}

TEST_CASE("hook_template: other fields are errors", "[hook_template]") {
  CHECK_THROWS_AS(render_hook_template("${X}", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("{1}", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("{name}", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("{ }", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("{0.x}", "v"), TemplateError);
  CHECK_THROWS_WITH(render_hook_template("echo ${HOME}", "v"), Catch::Contains("{HOME}"));
}

TEST_CASE("hook_template: only one automatic field", "[hook_template]") {
  CHECK_THROWS_AS(render_hook_template("{}{}", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("a {} b {} c", "v"), TemplateError);
}

TEST_CASE("hook_template: automatic and manual numbering cannot mix", "[hook_template]") {
  CHECK_THROWS_AS(render_hook_template("{}{0}", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("{0}{}", "v"), TemplateError);
  CHECK_THROWS_WITH(render_hook_template("{}{0}", "v"), Catch::Contains("automatic"));
  CHECK_THROWS_WITH(render_hook_template("{0}{}", "v"), Catch::Contains("manual"));
}

TEST_CASE("hook_template: single braces are errors", "[hook_template]") {
  CHECK_THROWS_AS(render_hook_template("{", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("}", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("a { b", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("a } b", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("{{}", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("{0}}", "v"), TemplateError);
  CHECK_THROWS_AS(render_hook_template("f() { echo; }", "v"), TemplateError);
  CHECK_THROWS_WITH(render_hook_template("ab}", "v"), Catch::Contains("offset 2"));
  CHECK_THROWS_WITH(render_hook_template("ab{", "v"), Catch::Contains("offset 2"));
}
