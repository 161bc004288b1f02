// UTF-8 decoding for the Go-compatible formatters, which escape and count by code point.
#pragma once
#include <cstddef>
#include <string>

namespace sim::tools {

// Decodes the code point at s[i]. Returns its length in bytes, or 0 when the bytes there are
// not valid UTF-8 (then cp is the single byte, as Go's utf8.RuneError case handles it).
inline size_t decode_utf8(const std::string& s, size_t i, char32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  cp = c;
  if (c < 0x80) return 1;
  size_t n = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07, min = 0x10000;
  else return (cp = c, 0);
  if (i + n > s.size()) return (cp = c, 0);
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return (cp = c, 0);
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return (cp = c, 0);
  return n;
}

inline bool valid_utf8(const std::string& s) {
  char32_t cp;
  for (size_t i = 0; i < s.size();) {
    size_t n = decode_utf8(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace sim::tools
