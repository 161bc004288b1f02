// Users and groups: lookups in the account files, and useradd/groupadd/gpasswd by argv.
#include "runtime/host_accounts.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "charm/host.hpp"
#include "charm/runtime.hpp"
#include "runtime/host_command.hpp"

namespace charm {
namespace detail {
namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::optional<unsigned> parse_id(std::string_view text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Calls `take(fields)` for each usable line with at least `min_fields` fields.
template <typename Take>
void for_each_line(std::string_view text, size_t min_fields, Take take) {
  for (std::string_view line : split(text, '\n')) {
    if (line.empty() || line.front() == '#' || line.front() == '+' || line.front() == '-') continue;
    auto fields = split(line, ':');
    if (fields.size() < min_fields || fields[0].empty()) continue;
    take(fields);
  }
}

std::string read_text(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<AccountEntry> find(const std::vector<AccountEntry>& entries, const std::string& name) {
  auto it = std::find_if(entries.begin(), entries.end(), [&](const AccountEntry& e) { return e.name == name; });
  if (it == entries.end()) return std::nullopt;
  return *it;
}

}  // namespace

std::vector<AccountEntry> parse_passwd(std::string_view text) {
  std::vector<AccountEntry> entries;
  for_each_line(text, 4, [&](const std::vector<std::string_view>& f) {
    auto uid = parse_id(f[2]);
    auto gid = parse_id(f[3]);
    if (uid && gid) entries.push_back({std::string(f[0]), *uid, *gid, {}});
  });
  return entries;
}

std::vector<AccountEntry> parse_group(std::string_view text) {
  std::vector<AccountEntry> entries;
  for_each_line(text, 3, [&](const std::vector<std::string_view>& f) {
    auto gid = parse_id(f[2]);
    if (!gid) return;
    AccountEntry entry{std::string(f[0]), *gid, *gid, {}};
    if (f.size() > 3)
      for (std::string_view member : split(f[3], ','))
        if (!member.empty()) entry.members.emplace_back(member);
    entries.push_back(std::move(entry));
  });
  return entries;
}

std::optional<AccountEntry> find_user(const std::string& name) {
  return find(parse_passwd(read_text("/etc/passwd")), name);
}

std::optional<AccountEntry> find_group(const std::string& name) {
  return find(parse_group(read_text("/etc/group")), name);
}

// The name wins over the number, as chown(1) decides.
uid_t resolve_owner(const std::string& owner) {
  if (auto user = find_user(owner)) return user->id;
  if (auto id = parse_id(owner)) return *id;
  throw std::invalid_argument("unknown user '" + owner + "' (not in /etc/passwd; create it first with host::add_user)");
}

gid_t resolve_group(const std::string& group) {
  if (auto entry = find_group(group)) return entry->id;
  if (auto id = parse_id(group)) return *id;
  throw std::invalid_argument("unknown group '" + group + "' (not in /etc/group; create it first with host::add_group)");
}

}  // namespace detail

namespace host {

std::optional<uid_t> user_id(const std::string& name) {
  auto user = detail::find_user(name);
  return user ? std::optional<uid_t>(user->id) : std::nullopt;
}

std::optional<gid_t> group_id(const std::string& name) {
  auto group = detail::find_group(name);
  return group ? std::optional<gid_t>(group->id) : std::nullopt;
}

bool add_group(const std::string& name, const GroupOptions& options) {
  detail::require_operand(name, "group name");
  if (group_exists(name)) return false;
  std::vector<std::string> argv{"groupadd"};
  if (options.kind == Account::system) argv.push_back("--system");
  if (options.gid) argv.insert(argv.end(), {"--gid", std::to_string(*options.gid)});
  argv.insert(argv.end(), {"--", name});
  log("Adding group " + name);
  detail::run_checked(argv);
  return true;
}

bool add_user(const std::string& name, const UserOptions& options) {
  detail::require_operand(name, "user name");
  if (user_exists(name)) return false;
  std::vector<std::string> argv{"useradd"};
  if (options.kind == Account::system)
    argv.push_back("--system");
  else
    argv.push_back(options.create_home ? "--create-home" : "--no-create-home");
  if (options.home) argv.insert(argv.end(), {"--home-dir", options.home->string()});
  if (options.shell) argv.insert(argv.end(), {"--shell", *options.shell});
  if (options.uid) argv.insert(argv.end(), {"--uid", std::to_string(*options.uid)});
  // useradd refuses to make a user group whose name is taken; join that group instead.
  std::optional<std::string> primary = options.primary_group;
  if (!primary && group_exists(name)) primary = name;
  if (primary) argv.insert(argv.end(), {"--gid", *primary});
  if (!options.groups.empty()) {
    std::string list;
    for (const auto& g : options.groups) list += (list.empty() ? "" : ",") + g;
    argv.insert(argv.end(), {"--groups", list});
  }
  argv.insert(argv.end(), {"--", name});
  log("Adding user " + name);
  detail::run_checked(argv);
  return true;
}

void add_user_to_group(const std::string& user, const std::string& group) {
  detail::require_operand(user, "user name");
  detail::require_operand(group, "group name");
  auto entry = detail::find_group(group);
  if (entry) {
    const auto& members = entry->members;
    if (std::find(members.begin(), members.end(), user) != members.end()) return;
    auto account = detail::find_user(user);
    if (account && account->primary_gid == entry->id) return;
  }
  log("Adding user " + user + " to group " + group);
  detail::run_checked({"gpasswd", "-a", user, group});
}

}  // namespace host
}  // namespace charm
