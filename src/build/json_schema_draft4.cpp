// Own code rather than valijson (libvalijson-dev): charm-tools' results depend on things
// valijson does not model. Defaults are written into the instance *while* validating (before
// each `properties`, also inside anyOf/oneOf/not branches, and only as far as jsonschema's lazy
// is_valid gets), keywords run in the schema's own order (so `required` placed before
// `properties` still fails), and every message quotes values in Python repr, sorted the
// jsonschema way. valijson checks a read-only adapter against a pre-parsed constraint tree in
// its own order with its own texts, so each message would have to be re-derived anyway.
//
// Known differences from Python: patterns use std::regex ECMAScript (no lookbehind, `.` is a
// byte, `$` does not match before a final newline); uniqueItems compares pairwise; where
// jsonschema would crash (defaults for a non-object, malformed keyword values, bad $ref) we
// skip the keyword or report the problem; the printable-character table is approximate.
#include "build/json_schema_draft4.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>

namespace build {
namespace {

using json = nlohmann::ordered_json;

// ---- Python semantics of the values json.load / yaml.safe_load would build ----

bool truthy(const json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_float()) return v.get<double>() != 0.0;
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() != 0;
  if (v.is_number_integer()) return v.get<std::int64_t>() != 0;
  return !v.empty();  // strings, arrays, objects
}

// Bools count as 0/1 like Python ints. long double holds every int64/uint64 and double
// exactly, so comparisons are exact like Python's int/float ones.
std::optional<long double> py_number(const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? 1.0L : 0.0L;
  if (v.is_number_unsigned()) return static_cast<long double>(v.get<std::uint64_t>());
  if (v.is_number_integer()) return static_cast<long double>(v.get<std::int64_t>());
  if (v.is_number_float()) return static_cast<long double>(v.get<double>());
  return std::nullopt;
}

// Python ==; with `strict_bools` jsonschema's `equal` (True differs from 1 at every depth).
bool py_equal(const json& a, const json& b, bool strict_bools) {
  auto na = py_number(a), nb = py_number(b);
  if (na && nb) return (!strict_bools || a.is_boolean() == b.is_boolean()) && *na == *nb;
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!py_equal(a[i], b[i], strict_bools)) return false;
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      auto it = b.find(key);
      if (it == b.end() || !py_equal(value, *it, strict_bools)) return false;
    }
    return true;
  }
  return a == b;
}

bool py_unique(const json& array) {
  for (size_t i = 0; i < array.size(); ++i)
    for (size_t j = i + 1; j < array.size(); ++j)
      if (py_equal(array[i], array[j], true)) return false;
  return true;
}

// sorted() for the lists Python can sort (all numbers, or all strings); others keep their order.
void py_sort(std::vector<json>& values) {
  auto is_number = [](const json& v) { return py_number(v).has_value(); };
  auto is_string = [](const json& v) { return v.is_string(); };
  if (std::all_of(values.begin(), values.end(), is_number))
    std::stable_sort(values.begin(), values.end(),
                     [](const json& a, const json& b) { return *py_number(a) < *py_number(b); });
  else if (std::all_of(values.begin(), values.end(), is_string))
    std::stable_sort(values.begin(), values.end());
}

// len() of a str: code points, not UTF-8 bytes.
size_t py_length(const std::string& s) {
  auto starts_code_point = [](char c) { return (c & 0xC0) != 0x80; };
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), starts_code_point));
}

// Python's repr of a float: shortest round-trip digits, exponent form outside 1e-4 .. 1e16.
void repr_float(double d, std::string& out) {
  if (std::isnan(d)) return void(out += "nan");
  if (std::isinf(d)) return void(out += d < 0 ? "-inf" : "inf");
  char buf[64];
  std::string s(buf, std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific).ptr);
  if (s[0] == '-') {
    out += '-';
    s.erase(0, 1);
  }
  size_t e = s.find('e');
  int exp = std::stoi(s.substr(e + 1));
  std::string digits = s.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  int n = static_cast<int>(digits.size()), point = exp + 1;
  if (point > -4 && point <= 16) {
    if (point <= 0) out += "0." + std::string(-point, '0') + digits;
    else if (point >= n) out += digits + std::string(point - n, '0') + ".0";
    else out += digits.substr(0, point) + "." + digits.substr(point);
    return;
  }
  out += digits.substr(0, 1) + (n > 1 ? "." + digits.substr(1) : "");
  out += exp < 0 ? "e-" : "e+";
  out += (std::abs(exp) < 10 ? "0" : "") + std::to_string(std::abs(exp));
}

// str.isprintable(), approximately: controls, format characters, separators other than the
// ASCII space, surrogates and private use are escaped.
bool printable(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) return false;
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F)) return false;
  if ((c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF) return false;
  if (c >= 0xFFF9 && c <= 0xFFFB) return false;
  return !((c >= 0xD800 && c <= 0xF8FF) || c >= 0xF0000);
}

void repr_string(const std::string& s, std::string& out) {
  char quote = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
  out += quote;
  for (size_t i = 0; i < s.size();) {
    auto byte = static_cast<unsigned char>(s[i]);
    size_t len = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
    char32_t c = len == 1 ? byte : len == 2 ? byte & 0x1F : len == 3 ? byte & 0x0F : byte & 0x07;
    for (size_t j = 1; j < len; ++j) {
      if (i + j >= s.size() || (static_cast<unsigned char>(s[i + j]) & 0xC0) != 0x80) len = 0;
      if (len) c = (c << 6) | (static_cast<unsigned char>(s[i + j]) & 0x3F);
    }
    bool invalid = len == 0;  // not UTF-8: shown as the byte's value
    if (invalid) len = 1, c = byte;
    char hex[16];
    if (c == static_cast<char32_t>(quote) || c == '\\') out += {'\\', static_cast<char>(c)};
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (!invalid && printable(c)) out.append(s, i, len);
    else {
      const char* format = c <= 0xFF ? "\\x%02x" : c <= 0xFFFF ? "\\u%04x" : "\\U%08x";
      std::snprintf(hex, sizeof hex, format, static_cast<unsigned>(c));
      out += hex;
    }
    i += len;
  }
  out += quote;
}

void repr(const json& v, std::string& out) {
  if (v.is_null()) out += "None";
  else if (v.is_boolean()) out += v.get<bool>() ? "True" : "False";
  else if (v.is_number_unsigned()) out += std::to_string(v.get<std::uint64_t>());
  else if (v.is_number_integer()) out += std::to_string(v.get<std::int64_t>());
  else if (v.is_number_float()) repr_float(v.get<double>(), out);
  else if (v.is_string()) repr_string(v.get_ref<const std::string&>(), out);
  else if (v.is_array()) {
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) repr(v[i], out += i ? ", " : "");
    out += ']';
  } else if (v.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : v.items()) {
      out += first ? "" : ", ";
      first = false;
      repr_string(key, out);
      repr(value, out += ": ");
    }
    out += '}';
  }
}

}  // namespace

std::string python_repr(const nlohmann::ordered_json& value) {
  std::string out;
  repr(value, out);
  return out;
}

namespace {

// Python's recursion limit stops a $ref loop; we stop at this many nested schemas.
constexpr int k_max_depth = 256;

struct Sink {
  bool lazy;  // jsonschema's is_valid: stop at the first error
  std::vector<SchemaError> errors;
  bool done() const { return lazy && !errors.empty(); }
};

bool is_type(const json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "integer") return v.is_number_integer();  // draft 4: 1.0 is not an integer
  if (type == "number") return v.is_number();
  return false;  // jsonschema raises UnknownType
}

std::string join_reprs(const std::vector<const json*>& values) {
  std::string out;
  for (const json* v : values) out += (out.empty() ? "" : ", ") + python_repr(*v);
  return out;
}

// multipleOf: a float divisor needs an integral quotient, otherwise Python's `%` decides.
bool not_multiple(const json& inst, const json& divisor) {
  auto x = py_number(inst);
  if (divisor.is_number_float()) {
    double d = divisor.get<double>();
    if (d == 0.0) return false;  // Python raises ZeroDivisionError
    double q = static_cast<double>(*x) / d;
    if (std::isinf(q)) return std::fmod(static_cast<double>(*x), d) != 0.0;  // exact, like Fraction
    return q != std::trunc(q);
  }
  auto d = py_number(divisor);
  if (!d || *d == 0) return false;
  if (inst.is_number_float()) return std::fmod(inst.get<double>(), static_cast<double>(*d)) != 0.0;
  return std::fmod(*x, *d) != 0.0L;  // exact for 64-bit integers in long double
}

class Validator {
 public:
  explicit Validator(const json& root) : m_root(root) {}

  // Set once the depth limit is hit; Python would have died with RecursionError.
  const std::optional<SchemaError>& overflow() const { return m_overflow; }

  void descend(json& inst, const json& schema, Sink& sink) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) fail(sink, "False schema does not allow " + python_repr(inst));
      return;
    }
    if (!schema.is_object() || m_overflow) return;
    if (m_depth >= k_max_depth) {
      m_overflow = SchemaError{m_path, "Schema recursion is too deep (a $ref loop?)"};
      return;
    }
    ++m_depth;
    // Draft 4 says to ignore the siblings of $ref, but jsonschema's extend() (used by
    // extend_with_default) dropped that rule before 4.18.3: every keyword runs, in order.
    for (const auto& [key, value] : schema.items()) {
      keyword(key, value, inst, schema, sink);
      if (sink.done() || m_overflow) break;
    }
    --m_depth;
  }

 private:
  void fail(Sink& sink, std::string message) { sink.errors.push_back({m_path, std::move(message)}); }

  void child(json& inst, const json& schema, std::string step, Sink& sink) {
    m_path.push_back(std::move(step));
    descend(inst, schema, sink);
    m_path.pop_back();
  }

  bool valid(json& inst, const json& schema) {
    Sink probe{true, {}};
    descend(inst, schema, probe);
    return probe.errors.empty();
  }

  // re.search; an invalid pattern matches nothing.
  bool search(const std::string& pattern, const std::string& text) {
    auto [it, added] = m_regexes.try_emplace(pattern);
    if (added) {
      try {
        it->second.emplace(pattern, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
      }
    }
    if (!it->second) return false;
    try {
      return std::regex_search(text, *it->second);
    } catch (const std::regex_error&) {
      return false;
    }
  }

  // "#/a/b" JSON pointers into the root schema only (no percent-decoding, no remote refs).
  const json* resolve(const std::string& ref) const {
    if (ref.empty() || ref[0] != '#') return nullptr;
    const json* node = &m_root;
    size_t start = ref.find_first_not_of('/', 1);  // jsonschema strips leading slashes
    while (start != std::string::npos && start < ref.size()) {
      size_t end = std::min(ref.find('/', start), ref.size());
      std::string part = ref.substr(start, end - start);
      for (size_t p = 0; (p = part.find('~', p)) != std::string::npos; ++p)
        if (p + 1 < part.size() && (part[p + 1] == '0' || part[p + 1] == '1'))
          part.replace(p, 2, part[p + 1] == '1' ? "/" : "~");
      if (node->is_object() && node->contains(part)) {
        node = &(*node)[part];
      } else if (node->is_array() && !part.empty() && part.size() < 19 &&
                 part.find_first_not_of("0123456789") == std::string::npos &&
                 std::stoull(part) < node->size()) {
        node = &(*node)[std::stoull(part)];
      } else {
        return nullptr;
      }
      start = end + 1;
    }
    return node;
  }

  std::vector<std::string> additional_properties(const json& inst, const json& schema) {
    auto props = schema.find("properties");
    auto patterns = schema.find("patternProperties");
    std::vector<std::string> extras;
    for (const auto& [key, value] : inst.items()) {
      if (props != schema.end() && props->is_object() && props->contains(key)) continue;
      bool matched = false;
      if (patterns != schema.end() && patterns->is_object())
        for (const auto& [pattern, sub] : patterns->items()) matched = matched || search(pattern, key);
      if (!matched) extras.push_back(key);
    }
    return extras;
  }

  void keyword(const std::string& k, const json& v, json& inst, const json& schema, Sink& sink);

  const json& m_root;
  std::vector<std::string> m_path;
  std::map<std::string, std::optional<std::regex>> m_regexes;
  int m_depth = 0;
  std::optional<SchemaError> m_overflow;
};

// One keyword of jsonschema's Draft4Validator (plus charm-tools' defaults in `properties`).
void Validator::keyword(const std::string& k, const json& v, json& inst, const json& schema, Sink& sink) {
  auto me = [&] { return python_repr(inst); };  // evaluated when the error is raised, as in Python
  auto limit = py_number(v);
  if (k == "$ref") {
    const json* target = v.is_string() ? resolve(v.get<std::string>()) : nullptr;
    if (!target) return fail(sink, "Unresolvable JSON pointer: " + python_repr(v));
    descend(inst, *target, sink);
  } else if (k == "type") {
    std::vector<const json*> types;
    if (v.is_string()) types.push_back(&v);
    if (v.is_array())
      for (const auto& t : v) types.push_back(&t);
    if (types.empty() && !v.is_array()) return;
    for (const json* t : types)
      if (t->is_string() && is_type(inst, t->get<std::string>())) return;
    fail(sink, me() + " is not of type " + join_reprs(types));
  } else if (k == "enum") {
    if (!v.is_array()) return;
    auto n = py_number(inst);
    bool strict = n && (*n == 0 || *n == 1);  // jsonschema keeps True apart from 1 here only
    for (const auto& e : v)
      if (py_equal(inst, e, strict)) return;
    fail(sink, me() + " is not one of " + python_repr(v));
  } else if (k == "properties") {
    if (!inst.is_object() || !v.is_object()) return;
    for (const auto& [name, sub] : v.items()) {
      if (sub.is_object() && sub.contains("default") && !inst.contains(name)) inst[name] = sub["default"];
    }
    for (const auto& [name, sub] : v.items()) {
      auto it = inst.find(name);
      if (it == inst.end()) continue;
      child(*it, sub, name, sink);
      if (sink.done()) return;
    }
  } else if (k == "patternProperties") {
    if (!inst.is_object() || !v.is_object()) return;
    for (const auto& [pattern, sub] : v.items()) {
      for (auto it = inst.begin(); it != inst.end(); ++it) {
        if (!search(pattern, it.key())) continue;
        child(it.value(), sub, it.key(), sink);
        if (sink.done()) return;
      }
    }
  } else if (k == "additionalProperties") {
    if (!inst.is_object()) return;
    std::vector<std::string> extras = additional_properties(inst, schema);
    if (v.is_object()) {
      for (const auto& extra : extras) {
        child(inst[extra], v, extra, sink);
        if (sink.done()) return;
      }
      return;
    }
    if (truthy(v) || extras.empty()) return;
    std::sort(extras.begin(), extras.end());
    std::string joined;
    for (const auto& e : extras) joined += (joined.empty() ? "" : ", ") + python_repr(json(e));
    auto patterns = schema.find("patternProperties");
    if (patterns == schema.end())
      return fail(sink, "Additional properties are not allowed (" + joined +
                            (extras.size() == 1 ? " was" : " were") + " unexpected)");
    std::vector<std::string> names;
    if (patterns->is_object())
      for (const auto& [pattern, sub] : patterns->items()) names.push_back(pattern);
    std::sort(names.begin(), names.end());
    std::string regexes;
    for (const auto& n : names) regexes += (regexes.empty() ? "" : ", ") + python_repr(json(n));
    fail(sink, joined + (extras.size() == 1 ? " does" : " do") + " not match any of the regexes: " + regexes);
  } else if (k == "items") {
    if (!inst.is_array() || !(v.is_object() || v.is_array())) return;
    size_t n = v.is_object() ? inst.size() : std::min(inst.size(), v.size());
    for (size_t i = 0; i < n; ++i) {
      child(inst[i], v.is_object() ? v : v[i], std::to_string(i), sink);
      if (sink.done()) return;
    }
  } else if (k == "additionalItems") {
    auto items = schema.find("items");
    if (!inst.is_array() || items == schema.end() || !items->is_array()) return;  // object/absent: no-op
    size_t n = items->size();
    if (v.is_object()) {
      for (size_t i = n; i < inst.size(); ++i) {
        child(inst[i], v, std::to_string(i), sink);
        if (sink.done()) return;
      }
    } else if (!truthy(v) && inst.size() > n) {
      std::vector<json> extras(inst.begin() + static_cast<std::ptrdiff_t>(n), inst.end());
      py_sort(extras);
      std::string joined;
      for (const auto& e : extras) joined += (joined.empty() ? "" : ", ") + python_repr(e);
      fail(sink, "Additional items are not allowed (" + joined + (extras.size() == 1 ? " was" : " were") +
                     " unexpected)");
    }
  } else if (k == "minItems" || k == "maxItems") {
    if (!inst.is_array() || !limit) return;
    if (k == "minItems" && inst.size() < *limit) fail(sink, me() + " is too short");
    if (k == "maxItems" && inst.size() > *limit) fail(sink, me() + " is too long");
  } else if (k == "uniqueItems") {
    if (truthy(v) && inst.is_array() && !py_unique(inst)) fail(sink, me() + " has non-unique elements");
  } else if (k == "minLength" || k == "maxLength") {
    if (!inst.is_string() || !limit) return;
    size_t length = py_length(inst.get_ref<const std::string&>());
    if (k == "minLength" && length < *limit) fail(sink, me() + " is too short");
    if (k == "maxLength" && length > *limit) fail(sink, me() + " is too long");
  } else if (k == "minProperties" || k == "maxProperties") {
    if (!inst.is_object() || !limit) return;
    if (k == "minProperties" && inst.size() < *limit) fail(sink, me() + " does not have enough properties");
    if (k == "maxProperties" && inst.size() > *limit) fail(sink, me() + " has too many properties");
  } else if (k == "minimum" || k == "maximum") {
    if (!inst.is_number() || !limit) return;
    bool min = k == "minimum";
    auto ex = schema.find(min ? "exclusiveMinimum" : "exclusiveMaximum");
    bool exclusive = ex != schema.end() && truthy(*ex);
    long double x = *py_number(inst);
    bool failed = min ? (exclusive ? x <= *limit : x < *limit) : (exclusive ? x >= *limit : x > *limit);
    if (!failed) return;
    std::string cmp = std::string(min ? "less than" : "greater than") + (exclusive ? " or equal to" : "");
    fail(sink, me() + " is " + cmp + (min ? " the minimum of " : " the maximum of ") + python_repr(v));
  } else if (k == "multipleOf") {
    if (inst.is_number() && limit && not_multiple(inst, v))
      fail(sink, me() + " is not a multiple of " + python_repr(v));
  } else if (k == "pattern") {
    if (inst.is_string() && v.is_string() && !search(v.get<std::string>(), inst.get<std::string>()))
      fail(sink, me() + " does not match " + python_repr(v));
  } else if (k == "required") {
    if (!inst.is_object() || !v.is_array()) return;
    for (const auto& name : v) {
      if (name.is_string() && inst.contains(name.get<std::string>())) continue;
      fail(sink, python_repr(name) + " is a required property");
      if (sink.done()) return;
    }
  } else if (k == "dependencies") {
    if (!inst.is_object() || !v.is_object()) return;
    for (const auto& [name, dependency] : v.items()) {
      if (!inst.contains(name)) continue;
      if (!dependency.is_array()) {
        descend(inst, dependency, sink);
      } else {
        for (const auto& each : dependency)
          if (!each.is_string() || !inst.contains(each.get<std::string>()))
            fail(sink, python_repr(each) + " is a dependency of " + python_repr(json(name)));
      }
      if (sink.done()) return;
    }
  } else if (k == "allOf") {
    if (!v.is_array()) return;
    for (const auto& sub : v) {
      descend(inst, sub, sink);
      if (sink.done()) return;
    }
  } else if (k == "anyOf" || k == "oneOf") {
    if (!v.is_array()) return;
    size_t i = 0;
    const json* first_valid = nullptr;
    while (i < v.size() && !first_valid) {
      Sink branch{false, {}};  // jsonschema evaluates each branch fully (list(...))
      descend(inst, v[i], branch);
      if (branch.errors.empty()) first_valid = &v[i];
      ++i;
    }
    if (!first_valid) return fail(sink, me() + " is not valid under any of the given schemas");
    if (k == "anyOf") return;
    std::vector<const json*> more_valid;
    for (; i < v.size(); ++i)
      if (valid(inst, v[i])) more_valid.push_back(&v[i]);
    if (more_valid.empty()) return;
    more_valid.push_back(first_valid);
    fail(sink, me() + " is valid under each of " + join_reprs(more_valid));
  } else if (k == "not") {
    if (valid(inst, v)) fail(sink, me() + " should not be valid under " + python_repr(v));
  }
  // Anything else (format without a checker, default, title, ...) has no validator.
}

}  // namespace

std::vector<SchemaError> validate_draft4_with_defaults(nlohmann::ordered_json& instance,
                                                       const nlohmann::ordered_json& schema) {
  Validator validator(schema);
  Sink sink{false, {}};
  validator.descend(instance, schema, sink);
  if (validator.overflow()) return {*validator.overflow()};
  return std::move(sink.errors);
}

}  // namespace build
