#pragma once
// UTF-8 validation, decoding and encoding, at the floor of the engine: every text that enters it is checked
// here first, so that the tokenizers can walk code points without re-checking, and the JSON reader encodes
// its \u escapes here. Errors name the byte offset of the bad sequence.
// Accepted: the UTF-8 of RFC 3629 (no overlong forms, no surrogates U+D800..U+DFFF, nothing above U+10FFFF).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace seqlab {

// Number of code points of `text`; throws seqlab::Error "invalid UTF-8 at byte offset N: ..." otherwise.
std::size_t validate_utf8(std::string_view text);

// Length in bytes (1..4) of the valid sequence that starts with `lead` (text already validated).
inline std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Decodes the code point starting at text[i] of an already validated text; advances i past it.
inline std::uint32_t utf8_decode_at(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  const std::size_t n = utf8_sequence_length(b0);
  std::uint32_t cp = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += n;
  return cp;
}

// Appends the UTF-8 encoding of a valid code point.
void utf8_append(std::string& out, std::uint32_t code_point);

}  // namespace seqlab
