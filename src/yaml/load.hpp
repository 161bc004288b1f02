// Parses YAML text into a typed Value with YAML 1.2 scalar resolution, as ruamel does for
// charm-tools (yes/no/on/off are strings); a `%YAML 1.1` directive switches to 1.1 rules.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include "yaml/value.hpp"

namespace yaml {

class ParseError : public std::runtime_error {
 public:
  ParseError(Mark mark, const std::string& problem)
      : std::runtime_error(problem), m_mark(mark), m_problem(problem) {}
  const Mark& mark() const { return m_mark; }
  const std::string& problem() const { return m_problem; }

 private:
  Mark m_mark;
  std::string m_problem;
};

// An empty document gives an empty mapping. Duplicate keys are errors.
Value load(std::string_view text);

// "FILE:LINE:COL: PROBLEM", then the source line and a caret under the column.
std::string format_parse_error(const std::string& file, std::string_view text, const ParseError& error);

}  // namespace yaml
