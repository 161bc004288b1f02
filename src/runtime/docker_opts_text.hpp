// The text side of DaemonOptions, as functions of strings: which daemon.json key a dockerd flag
// is, which words DOCKER_OPTS can carry, and the DOCKER_OPTS line itself.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charm::docker::detail {

// The daemon.json key dockerd checks a flag against: "insecure-registry" -> "insecure-registries",
// "H" -> "hosts", "bip" -> "bip". Leading dashes are ignored.
std::string daemon_json_key_for_flag(std::string_view flag);

// The flag name of a DOCKER_OPTS word ("--mtu=1400" -> "mtu", "-D" -> "D"), or nullopt when
// the word is a value (no leading '-').
std::optional<std::string> flag_name_of_word(std::string_view word);

// Why a word cannot go into DOCKER_OPTS, or nullopt when it can. The init script expands
// $DOCKER_OPTS unquoted (split at whitespace, globbed, no quote removal) while systemd splits it
// honouring quotes and backslashes: only words free of those characters mean the same to both.
std::optional<std::string> unsafe_word_reason(std::string_view word);

// DOCKER_OPTS="w1 w2 ..." with '$' and '`' escaped: sh and systemd's EnvironmentFile both
// read back exactly the words joined by spaces. Words must have passed unsafe_word_reason.
std::string docker_opts_line(const std::vector<std::string>& words);

// The defaults file with its DOCKER_OPTS assignment replaced by `line` (the first one replaced,
// later ones dropped; appended when there is none); other lines are kept. An empty
// `existing` (no file yet) gives a short header and the line.
std::string replace_docker_opts_line(const std::string& existing, const std::string& line,
                                     const std::string& daemon_json_path);

}  // namespace charm::docker::detail
