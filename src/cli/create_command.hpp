// `charm-build create NAME [-t TEMPLATE] [-p DIR]`: a new charm layer from a template
// (templates/, found beside charm-build), as charm-tools' `charm create` makes one.
// Exit 0 created, 1 the directory is in the way or cannot be written, 2 bad command line.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace cli {

inline constexpr const char* default_template = "cpp-reactive";

struct CreateCommandLine {
  std::string name;
  std::string path;                           // the new charm's directory (default ./NAME)
  std::string template_name = default_template;  // a template's name, or a path to a template folder
  std::string maintainer;                     // "Name <address>" (default: $DEBFULLNAME <$DEBEMAIL>)
  bool list_templates = false;
  std::string format = "text";                // of --list-templates
};

CLI::App* setup_create_command(CLI::App& app, CreateCommandLine& line);
int run_create_command(const CreateCommandLine& line);

}  // namespace cli
