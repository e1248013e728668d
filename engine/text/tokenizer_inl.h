#pragma once
// Template part of tokenizer.h (included at its end).
#include "engine/core/utf8.h"

namespace seqlab::text {

template <class Visit>
void for_each_token(std::string_view text, Level level, Visit&& visit) {
  const std::size_t n = text.size();
  if (level == Level::Char) {
    for (std::size_t i = 0; i < n;) {
      const std::size_t len = utf8_sequence_length(static_cast<unsigned char>(text[i]));
      visit(text.substr(i, len));
      i += len;
    }
    return;
  }
  // Word level: a token is a maximal run of non-space code points.
  std::size_t i = 0;
  std::size_t start = 0;
  bool in_token = false;
  while (i < n) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t next = i;
    bool space;
    if (b < 0x80) {
      space = b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
      next = i + 1;
    } else {
      space = is_unicode_space(utf8_decode_at(text, next));
    }
    if (space) {
      if (in_token) visit(text.substr(start, i - start));
      in_token = false;
    } else if (!in_token) {
      in_token = true;
      start = i;
    }
    i = next;
  }
  if (in_token) visit(text.substr(start, n - start));
}

}  // namespace seqlab::text
