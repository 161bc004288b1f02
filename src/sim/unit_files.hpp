// Files and directories of a unit that every kind of machine shares.
#pragma once
#include <filesystem>
#include <string>

#include "sim/machine.hpp"

namespace sim {

// "app/3" -> "app-3" (a directory or container name).
std::string unit_dir_name(const std::string& unit);
// 127.0.1.1 for machine 0, 127.0.1.2 for machine 1, ... (127.0.0.0/8 is all loopback).
std::string loopback_address(int machine_id);
// Makes DIR/<tool> -> binary for every hook tool (idempotent).
void link_tools(const std::filesystem::path& binary, const std::filesystem::path& dir);
// Copies a built charm over a unit's charm dir: files, symlinks and modes; files only in the
// target (the charm's own state) stay. Each file is written beside its old copy and renamed
// over it, so an upgrade works while the charm's binary is running.
void copy_charm_tree(const std::filesystem::path& source, const std::filesystem::path& target);
// Runs a command attached to this terminal (stdin/stdout/stderr inherited); its exit code.
int run_attached(const ProcessSpec& spec);

}  // namespace sim
