#pragma once
// Tokenization (docs/math.md §1): char level = one token per Unicode code point; word level = split on runs of
// white space (Python's str.split(): ASCII and Unicode white space), empty tokens dropped.
//
// tokenize_types() walks the text ONCE: each token is looked up in the string table
// (engine/text/string_table.h) as a string_view into the text itself (no per-token allocation), so the
// cost is linear in the text. It returns the distinct tokens in order of first occurrence, their counts,
// and the whole text as first-occurrence indices; the vocabulary then only renumbers.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seqlab::text {

enum class Level { Char, Word };

// "char" or "word"; throws seqlab::Error listing the allowed values.
Level parse_level(const std::string& name);
const char* level_name(Level level);

struct TypeSequence {
  std::vector<std::string_view> types;   // distinct tokens, first occurrence first (views into the text)
  std::vector<std::int64_t> counts;      // counts[t]: occurrences of types[t]
  std::vector<std::int32_t> sequence;    // the text as indices into `types`
};

// `text` must be valid UTF-8 (see validate_utf8) and must outlive the returned views.
TypeSequence tokenize_types(std::string_view text, Level level);

// Calls visit(std::string_view token) for every token of a valid UTF-8 text, in order.
template <class Visit>
void for_each_token(std::string_view text, Level level, Visit&& visit);

// True for the code points Python's str.split() treats as white space.
inline bool is_unicode_space(std::uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

}  // namespace seqlab::text

#include "engine/text/tokenizer_inl.h"
