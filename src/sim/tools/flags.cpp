#include "sim/tools/flags.hpp"

#include <algorithm>

#include "sim/tools/format.hpp"
#include "sim/tools/utf8.hpp"

namespace sim::tools {

namespace {

// gnuflag names a one-letter flag with one dash, longer ones with two.
std::string with_dashes(const std::string& name) { return (name.size() > 1 ? "--" : "-") + name; }

size_t first_char_length(const std::string& s) {
  char32_t cp;
  size_t n = decode_utf8(s, 0, cp);
  return n == 0 ? 1 : n;
}

const Flag* find_flag(const Command& command, const std::string& name) {
  for (const auto& flag : command.flags)
    if (std::find(flag.names.begin(), flag.names.end(), name) != flag.names.end()) return &flag;
  return nullptr;
}

// Juju 3.x's commands call flags "options" in their messages (jujucmd.Info sets
// FlagKnownAs = "option"; juju's ServerSuite expects "option provided but not defined").
const char* const known_as = "option";

}  // namespace

std::vector<std::string> parse_flags(const Command& command, const std::vector<std::string>& args) {
  std::vector<std::string> positional;
  std::string cluster;  // what follows a one-letter flag in the same argument, or "=value"
  size_t i = 0;
  for (;;) {
    std::string name;
    if (!cluster.empty()) {
      const size_t n = first_char_length(cluster);
      name = cluster.substr(0, n);
      cluster.erase(0, n);
    } else {
      if (i >= args.size()) break;
      const std::string& a = args[i];
      if (a.empty() || a == "-" || a[0] != '-') {  // flags may follow positional arguments
        positional.push_back(a);
        ++i;
        continue;
      }
      if (a == "--") {
        positional.insert(positional.end(), args.begin() + static_cast<long>(i) + 1, args.end());
        break;
      }
      ++i;
      if (a[1] == '-') {
        const size_t eq = a.find('=');
        name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        if (eq != std::string::npos) {
          if (name.empty()) throw UsageError("empty flag in argument " + go_quote(a));
          cluster = a.substr(eq);  // "=value"
        }
      } else {
        const size_t n = first_char_length(a.substr(1));
        name = a.substr(1, n);
        cluster = a.substr(1 + n);
      }
    }

    const Flag* flag = find_flag(command, name);
    if (!flag) {
      if (name == "help" || name == "h") throw HelpRequested{help_text(command)};
      throw UsageError(std::string(known_as) + " provided but not defined: " + with_dashes(name));
    }
    if (flag->is_bool && (cluster.empty() || cluster[0] != '=')) {
      flag->set("true");  // whatever follows in a cluster is more one-letter flags
      continue;
    }
    std::string value;
    bool has_value = false;
    if (!cluster.empty()) {
      // `--name=value`; gnuflag gives a one-letter flag the rest of its argument as is, we
      // also take `-r=3` as 3, as the simulator's contract says.
      value = cluster[0] == '=' ? cluster.substr(1) : cluster;
      cluster.clear();
      has_value = true;
    } else if (i < args.size()) {
      value = args[i++];
      has_value = true;
    }
    if (!has_value) throw UsageError(std::string(known_as) + " needs an argument: " + with_dashes(name));
    const std::string refusal = flag->set(value);
    if (!refusal.empty())
      throw UsageError("invalid value " + go_quote(value) + " for " + known_as + " " + with_dashes(name) + ": " + refusal);
  }
  return positional;
}

std::string help_text(const Command& command) {
  std::string out = "Usage: " + command.name;
  if (!command.flags.empty()) out += " [options]";
  if (!command.args.empty()) out += " " + command.args;
  out += "\n";
  if (!command.purpose.empty()) out += "\nSummary:\n" + command.purpose + "\n";
  if (!command.flags.empty()) {
    out += "\nOptions:\n";
    // One entry per flag with its aliases (short names first), entries by their first name.
    std::vector<std::pair<std::vector<std::string>, const Flag*>> entries;
    for (const auto& flag : command.flags) {
      std::vector<std::string> names = flag.names;
      std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
      });
      entries.emplace_back(std::move(names), &flag);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first[0] < b.first[0]; });
    for (const auto& [names, flag] : entries) {
      std::string line;
      for (const auto& n : names) line += (line.empty() ? "" : ", ") + with_dashes(n);
      if (flag->quoted_default)
        line += " (= " + go_quote(flag->default_text) + ")";
      else
        line += "  (= " + (flag->is_bool && flag->default_text.empty() ? std::string("false") : flag->default_text) + ")";
      out += line + "\n    " + flag->help + "\n";
    }
  }
  if (!command.doc.empty()) {
    const size_t b = command.doc.find_first_not_of(" \t\n");
    const size_t e = command.doc.find_last_not_of(" \t\n");
    out += "\nDetails:\n" + (b == std::string::npos ? std::string() : command.doc.substr(b, e - b + 1)) + "\n";
  }
  return out;
}

Flag bool_flag(std::vector<std::string> names, bool& target, std::string help) {
  Flag f;
  f.names = std::move(names);
  f.is_bool = true;
  f.help = std::move(help);
  f.default_text = target ? "true" : "false";
  f.set = [&target](const std::string& v) -> std::string {
    // strconv.ParseBool's spellings.
    if (v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True") return target = true, "";
    if (v == "0" || v == "f" || v == "F" || v == "false" || v == "FALSE" || v == "False") return target = false, "";
    return "strconv.ParseBool: parsing " + go_quote(v) + ": invalid syntax";
  };
  return f;
}

Flag string_flag(std::vector<std::string> names, std::string& target, std::string help) {
  Flag f;
  f.names = std::move(names);
  f.help = std::move(help);
  f.default_text = target;
  f.quoted_default = true;
  f.set = [&target](const std::string& v) {
    target = v;
    return std::string();
  };
  return f;
}

void check_empty(const std::vector<std::string>& args) {
  if (!args.empty()) throw UsageError("unrecognized args: " + go_quote_list(args));
}

std::map<std::string, std::string> parse_key_values(const std::vector<std::string>& args) {
  const auto trim = [](const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\n\r\v\f");
    return b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of(" \t\n\r\v\f") - b + 1);
  };
  std::map<std::string, std::string> out;
  for (const auto& arg : args) {
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) throw UsageError("expected \"key=value\", got " + go_quote(arg));
    const std::string key = trim(arg.substr(0, eq)), value = trim(arg.substr(eq + 1));
    if (key.empty()) throw UsageError("expected \"key=value\", got \"" + key + "=" + value + "\"");
    if (out.count(key)) throw UsageError("key " + go_quote(key) + " specified more than once");
    out[key] = value;
  }
  return out;
}

bool parse_go_int(const std::string& text, long long& out) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  if (i == text.size()) return false;
  unsigned long long value = 0;
  const unsigned long long limit = negative ? 9223372036854775808ULL : 9223372036854775807ULL;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    const unsigned digit = static_cast<unsigned>(text[i] - '0');
    if (value > (limit - digit) / 10) return false;
    value = value * 10 + digit;
  }
  out = negative ? static_cast<long long>(0 - value) : static_cast<long long>(value);
  return true;
}

}  // namespace sim::tools
