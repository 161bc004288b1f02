#include "build/plan.hpp"

namespace build {

PlanEntry* Plan::find(const std::string& relpath) {
  auto it = m_index.find(relpath);
  return it == m_index.end() ? nullptr : &m_entries[it->second];
}

const PlanEntry* Plan::find(const std::string& relpath) const {
  auto it = m_index.find(relpath);
  return it == m_index.end() ? nullptr : &m_entries[it->second];
}

PlanEntry& Plan::entry(const std::string& relpath) {
  auto [it, inserted] = m_index.emplace(relpath, m_entries.size());
  if (inserted) m_entries.push_back(PlanEntry{relpath, Tactic::copy, {}});
  return m_entries[it->second];
}

}  // namespace build
