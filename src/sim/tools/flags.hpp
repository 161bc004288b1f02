// The command line of one hook tool, parsed as Juju's jujuc does it (juju/gnuflag with
// interspersed arguments, juju/cmd's Main): flags may follow positional arguments, `--` ends
// them, values come as `-r 3`, `-r3`, `-r=3`, `--format json` or `--format=json`, and
// `--help`/`-h` prints the usage. Errors are thrown and become `ERROR <message>` with exit 2
// (argument errors) or 1 (run-time errors) in run_tool().
#pragma once
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sim::tools {

// Bad command line: exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The tool ran and failed: exit 1.
struct RunError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// `--help`: the usage text goes to stdout, exit 0.
struct HelpRequested {
  std::string text;
};

struct Flag {
  std::vector<std::string> names;  // {"r", "relation"}: one-letter names take one dash
  bool is_bool = false;
  std::string help;
  std::string default_text;  // shown in --help as "(= ...)"
  bool quoted_default = false;  // string flags show their default quoted, as gnuflag does
  // Takes the flag's value; returns "" or why the value is refused (the text after
  // `invalid value "v" for option -r: `). Bool flags get "true" or the text after `=`.
  std::function<std::string(const std::string& value)> set;
};

struct Command {
  std::string name;     // "relation-get"
  std::string args;     // "<key> <unit id>"
  std::string purpose;  // one line
  std::string doc;      // details
  std::vector<Flag> flags;
};

// Parses argv (without argv[0]); returns the positional arguments.
// Throws UsageError, or HelpRequested for --help/-h.
std::vector<std::string> parse_flags(const Command& command, const std::vector<std::string>& args);

// juju/cmd's --help text: usage line, summary, options, details.
std::string help_text(const Command& command);

// Flag helpers.
Flag bool_flag(std::vector<std::string> names, bool& target, std::string help);
Flag string_flag(std::vector<std::string> names, std::string& target, std::string help);

// `unrecognized args: ["a" "b"]` when args are left (cmd.CheckEmpty).
void check_empty(const std::vector<std::string>& args);

// juju/utils keyvalues.Parse(args, allowEmptyValues=true): "key=value" arguments, both sides
// trimmed; a repeated key is an error (UsageError).
std::map<std::string, std::string> parse_key_values(const std::vector<std::string>& args);

// Go's strconv.Atoi: optional sign, decimal digits, fits in 64 bits.
bool parse_go_int(const std::string& text, long long& out);

}  // namespace sim::tools
