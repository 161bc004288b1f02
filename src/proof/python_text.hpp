// How Python prints and judges the values charm-tools' proof looks at: str(), repr(),
// type(x).__name__, len(), int(). Messages quote values the way Python formats them.
#pragma once
#include <regex>
#include <string>
#include <string_view>

#include "yaml/value.hpp"

namespace proof {

// str(value): strings as they are, None/True/False, 1.5, [1, 'a'], {'k': 'v'}, 2001-12-14.
std::string py_str(const yaml::Value& value);
// repr(value): strings quoted ('a', "it's"), dates as datetime.date(2001, 12, 14).
std::string py_repr(const yaml::Value& value);
std::string py_repr_string(std::string_view text);
// type(value).__name__: NoneType, bool, int, float, str, list, dict, date or datetime.
std::string py_type_name(const yaml::Value& value);
// repr() of a float: 1.0, 1e+16, 1e-05, inf, nan.
std::string py_float_repr(double value);

// len() of a str: code points, not bytes.
size_t py_len(std::string_view utf8);
// s.strip() == '' (Python's whitespace, ASCII and the separators \x1c-\x1f).
bool py_is_blank(std::string_view text);

// int(text) for a str: surrounding whitespace, a sign, digits with single underscores between.
enum class PyInt { invalid, non_negative, negative };
PyInt py_int_of_text(std::string_view text);

// re.match(PATTERN$, text) where the pattern has been compiled as ^...$: Python's `$` also
// matches before one final newline.
bool py_match_to_end(const std::regex& pattern, const std::string& text);

}  // namespace proof
