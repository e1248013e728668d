#pragma once
// The vocabulary (docs/math.md §1): id 0 is <unk>; then the reserved tokens in the order given; then every
// token whose count is at least min_freq, by descending count, ties by first occurrence in the text.
// Encoding maps unknown tokens to 0. Lookup by string_view without allocating (engine/text/string_table.h
// holds ids, so copies of a Vocabulary stay valid).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/text/string_table.h"
#include "engine/text/tokenizer.h"

namespace seqlab::text {

inline constexpr const char* kUnknownToken = "<unk>";

class Vocabulary {
 public:
  Vocabulary();  // only <unk>

  // <unk>, then `reserved`, then `tokens` (already ordered). Throws seqlab::Error on a duplicate,
  // an empty token, or a token equal to <unk> among `reserved`; tokens already present are skipped.
  Vocabulary(const std::vector<std::string>& reserved, const std::vector<std::string_view>& tokens);

  int size() const { return static_cast<int>(tokens_.size()); }
  int reserved_count() const { return reserved_count_; }
  // The id of `token`, 0 (<unk>) if unknown.
  std::int32_t id_of(std::string_view token) const;
  bool contains(std::string_view token) const;
  // Throws seqlab::Error when id is outside [0, size()).
  const std::string& token(std::int32_t id) const;
  const std::vector<std::string>& tokens() const { return tokens_; }

  // Tokenizes an already preprocessed (valid UTF-8; validated here) text and maps it to ids.
  std::vector<std::int32_t> encode(std::string_view preprocessed_text, Level level) const;
  // Char level concatenates the tokens; word level joins them with ' '. Throws on an id out of range.
  std::string decode(const std::int32_t* ids, std::size_t n, Level level) const;
  std::string decode(const std::vector<std::int32_t>& ids, Level level) const {
    return decode(ids.data(), ids.size(), level);
  }

 private:
  void insert(std::string_view token);              // token must be absent
  std::int32_t find(std::string_view token) const;  // -1 if absent

  std::vector<std::string> tokens_;
  StringTable table_;  // token -> id, over tokens_ (holds ids, not pointers: copies stay valid)
  int reserved_count_ = 0;
};

}  // namespace seqlab::text
