// UTF-8 validation and decoding, tokenization at both levels, and preprocessing, on arbitrary bytes.
// Input: byte 0 picks the level (bit 0: word); the rest is the text.
#include <cstdint>
#include <string>

#include "engine/core/error.h"
#include "engine/text/preprocess.h"
#include "engine/text/tokenizer.h"
#include "engine/core/utf8.h"
#include "tests/fuzz/fuzz_targets.h"

namespace seqlab::fuzz {

void fuzz_text(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const text::Level level = (in.byte() & 1) ? text::Level::Word : text::Level::Char;
  const std::string_view raw = in.rest();

  std::size_t code_points = 0;
  try {
    code_points = validate_utf8(raw);
  } catch (const Error&) {
    // Refused: preprocessing, which validates first, must refuse it too.
    bool refused = false;
    try {
      text::preprocess(raw, text::Preprocess::None);
    } catch (const Error&) {
      refused = true;
    }
    require(refused, "preprocess accepted a text validate_utf8 refused");
    return;
  }

  // Decoding every code point and encoding it again gives the same bytes and the counted number of them.
  std::string encoded;
  std::size_t decoded = 0;
  for (std::size_t i = 0; i < raw.size(); ++decoded) {
    const std::size_t before = i;
    const std::uint32_t cp = utf8_decode_at(raw, i);
    require(i > before && i <= raw.size(), "utf8_decode_at did not advance within the text");
    require(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF), "a decoded code point is not a scalar value");
    utf8_append(encoded, cp);
  }
  require(decoded == code_points, "validate_utf8 counted another number of code points than decoding");
  require(encoded == raw, "decode then encode changed the bytes");

  // Tokenization: counts add up, the sequence indexes the types, and for_each_token visits the same tokens.
  const text::TypeSequence types = text::tokenize_types(raw, level);
  require(types.counts.size() == types.types.size(), "one count per type");
  std::int64_t total = 0;
  for (const std::int64_t c : types.counts) {
    require(c >= 1, "a type with no occurrence");
    total += c;
  }
  require(total == static_cast<std::int64_t>(types.sequence.size()), "type counts do not add up to the tokens");
  std::size_t k = 0;
  bool same = true;
  text::for_each_token(raw, level, [&](std::string_view token) {
    require(!token.empty(), "an empty token");
    if (k >= types.sequence.size() || types.types[types.sequence[k]] != token) same = false;
    ++k;
  });
  require(same && k == types.sequence.size(), "for_each_token and tokenize_types disagree");
  if (level == text::Level::Char) require(k == code_points, "char level: not one token per code point");

  // Preprocessing: none keeps the text; letters_only leaves lower-case ASCII letters and single spaces.
  require(text::preprocess(raw, text::Preprocess::None) == raw, "preprocess none changed the text");
  const std::string letters = text::preprocess(raw, text::Preprocess::LettersOnly);
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const char c = letters[i];
    require((c >= 'a' && c <= 'z') || (c == ' ' && (i == 0 || letters[i - 1] != ' ')),
            "letters_only left something other than a-z and single spaces");
  }
  require(text::preprocess(letters, text::Preprocess::LettersOnly) == letters, "letters_only is not idempotent");
}

}  // namespace seqlab::fuzz
