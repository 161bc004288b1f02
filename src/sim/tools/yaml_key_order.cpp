// yaml.v2's map key order (its sorter.go keyList.Less, v2.4): letters compare by code point,
// digit runs compare as numbers, so "app/9" sorts before "app/10".
#include "sim/tools/format.hpp"
#include "sim/tools/utf8.hpp"

namespace sim::tools {

bool yaml_key_less(const std::string& a, const std::string& b) {
  std::u32string ar, br;
  for (size_t i = 0; i < a.size();) {
    char32_t cp;
    size_t n = decode_utf8(a, i, cp);
    ar += cp;
    i += n ? n : 1;
  }
  for (size_t i = 0; i < b.size();) {
    char32_t cp;
    size_t n = decode_utf8(b, i, cp);
    br += cp;
    i += n ? n : 1;
  }
  const auto letter = [](char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xAA; };
  const auto digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  bool digits = false;
  for (size_t i = 0; i < ar.size() && i < br.size(); ++i) {
    if (ar[i] == br[i]) {
      digits = digit(ar[i]);
      continue;
    }
    const bool al = letter(ar[i]), bl = letter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return digits ? al : bl;
    // Two non-letters: compare the digit runs starting here as numbers.
    unsigned long long an = 0, bn = 0;
    if (ar[i] == '0' || br[i] == '0') {
      for (size_t j = i; j-- > 0 && digit(ar[j]);)
        if (ar[j] != '0') {
          an = bn = 1;
          break;
        }
    }
    size_t ai = i, bi = i;
    for (; ai < ar.size() && digit(ar[ai]); ++ai) an = an * 10 + (ar[ai] - '0');
    for (; bi < br.size() && digit(br[bi]); ++bi) bn = bn * 10 + (br[bi] - '0');
    if (an != bn) return static_cast<long long>(an) < static_cast<long long>(bn);
    if (ai != bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.size() < br.size();
}

}  // namespace sim::tools
