#pragma once
// Counting n-grams of a token-id sequence. An n-gram (w_1..w_n) is packed into one 64-bit key
// w_1·V^(n-1) + ... + w_n (V = vocabulary size), so counting never touches strings: a dense array when
// V^n is small (char level), otherwise an open-addressing hash table of keys. Linear in the sequence.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace seqlab::text {

struct NgramTable {
  int n = 0;
  int vocab_size = 0;
  std::vector<std::uint64_t> keys;    // distinct n-grams that occur, ascending key order
  std::vector<std::int64_t> counts;   // counts[i]: occurrences of keys[i]
  std::int64_t total = 0;             // number of n-gram windows = max(0, length - n + 1)

  std::size_t distinct() const { return keys.size(); }
  // The n ids of a key, first token first.
  std::vector<std::int32_t> unpack(std::uint64_t key) const;
  std::uint64_t pack(const std::int32_t* ids) const;
  // Count of the n-gram ids[0..n), 0 if absent (binary search).
  std::int64_t count_of(const std::int32_t* ids) const;
  // Indices into keys/counts of the k most frequent n-grams: descending count, ties by ascending key.
  std::vector<std::size_t> top(std::size_t k) const;
  // All counts, descending (the rank-frequency list: rank r has counts_desc[r-1]).
  std::vector<std::int64_t> counts_desc() const;
};

// Counts every window of n ids. Ids must lie in [0, vocab_size); throws seqlab::Error otherwise, when
// n < 1, or when vocab_size^n does not fit in 64 bits.
NgramTable count_ngrams(const std::int32_t* ids, std::size_t length, int n, int vocab_size);
inline NgramTable count_ngrams(const std::vector<std::int32_t>& ids, int n, int vocab_size) {
  return count_ngrams(ids.data(), ids.size(), n, vocab_size);
}

}  // namespace seqlab::text
