// The local account files (/etc/passwd, /etc/group) read directly: hook binaries are linked
// statically, and glibc's getpwnam there needs the NSS modules of the exact glibc it was built
// with. These are also the files useradd and groupadd write.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charm::detail {

struct AccountEntry {
  std::string name;
  unsigned id = 0;                   // uid or gid
  unsigned primary_gid = 0;          // passwd only
  std::vector<std::string> members;  // group only
};

// Lines "name:password:id:..." of passwd(5) or group(5); comments, NIS "+"/"-" lines and
// malformed lines are skipped.
std::vector<AccountEntry> parse_passwd(std::string_view text);
std::vector<AccountEntry> parse_group(std::string_view text);

std::optional<AccountEntry> find_user(const std::string& name);
std::optional<AccountEntry> find_group(const std::string& name);

// A name or a numeric id, as chown(1) takes them. Throws std::invalid_argument for an unknown name.
uid_t resolve_owner(const std::string& owner);
gid_t resolve_group(const std::string& group);

}  // namespace charm::detail
