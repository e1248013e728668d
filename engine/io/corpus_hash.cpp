#include "engine/io/corpus_hash.h"

#include <cstdint>

#include "engine/text/corpus_options.h"

namespace seqlab::io {

namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull, kFnvPrime = 0x100000001b3ull;

void mix(std::uint64_t& h, const std::string& bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
}

}  // namespace

std::string corpus_hash(const std::string& text, const text::Tokenization& options) {
  // The options through their one writer, less the split; a NUL separates them from the text.
  const Json all = schema::corpus_options_json(options, 0.0);
  Json token_options = Json::object();
  for (const auto& [key, value] : all.as_object())
    if (key != "valFraction") token_options.set(key, value);
  std::uint64_t h = kFnvOffset;
  mix(h, token_options.dump());
  mix(h, std::string(1, '\0'));
  mix(h, text);
  static const char* digits = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) hex[i] = digits[h & 0xF];
  return hex;
}

}  // namespace seqlab::io
