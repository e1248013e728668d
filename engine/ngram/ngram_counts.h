#pragma once
// Counts of every k-gram (k = 1..max_order) of a training id sequence, stored compactly.
//
// One open-addressing table per order; a slot is 16 bytes {key, count, pos} and no n-gram owns a heap
// allocation. The key of a window of k ids is
//   - packed:  the ids themselves, b bits each (b = bits needed for vocab_size - 1), when k*b <= 64.
//              Exact, so two windows are equal iff their keys are (char level: up to 12-grams;
//              a 4,600-word vocabulary: up to 4-grams);
//   - hashed:  a 64-bit hash of the ids otherwise; equal keys are then verified against the training
//              window starting at `pos`, so a hash collision can never merge two n-grams.
// Tables double when half full (load <= 0.5 keeps linear probing short).
//
// Context counts (MATH §2): c(h) counts h as the first n-1 tokens of a window of length n. Every
// occurrence of the (n-1)-gram h starts such a window except the one ending at the last training token,
// so c(h) = count(h) - [h is the training tail]; no extra table is needed.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace seqlab::ngram {

inline constexpr int kMaxOrder = 8;

class NgramCounts {
 public:
  // Throws seqlab::Error when the sequence is empty, shorter than max_order, when max_order is outside
  // [1, kMaxOrder], vocab_size < 1, or an id lies outside [0, vocab_size).
  NgramCounts(const std::int32_t* ids, std::size_t n, int vocab_size, int max_order);

  int max_order() const { return max_order_; }
  int vocab_size() const { return vocab_size_; }
  std::size_t tokens() const { return n_tokens_; }  // N
  int seen_ids() const { return seen_ids_; }         // m: distinct ids occurring in training

  // Occurrences of the k-gram window[0..k) in training, k in [1, max_order].
  std::uint64_t count(const std::int32_t* window, int k) const;
  // c(h) for the k ids window[0..k) as a context (first k tokens of a (k+1)-window); k = 0 gives N.
  // k in [0, max_order].
  std::uint64_t context_count(const std::int32_t* window, int k) const;

  std::size_t distinct(int k) const;           // distinct k-grams, k in [1, max_order]
  std::size_t distinct_total() const;          // summed over k = 1..max_order
  std::size_t memory_bytes() const;            // table slots + the kept training ids (hashed orders)

 private:
  struct Slot {
    std::uint64_t key;
    std::uint32_t count;  // 0 marks an empty slot
    std::uint32_t pos;    // start of the first occurrence in the training sequence
  };
  struct Table {
    std::vector<Slot> slots;  // size a power of two
    int shift = 0;            // 64 - log2(slots.size())
    std::size_t size = 0;     // occupied slots
    bool packed = true;
  };

  std::uint64_t key_of(const std::int32_t* window, int k) const;
  bool same_window(const Slot& slot, const std::int32_t* window, int k) const;
  const Slot* find(const std::int32_t* window, int k) const;
  void count_order(int k);
  static void grow(Table& table);

  int max_order_ = 0;
  int vocab_size_ = 0;
  int bits_ = 1;             // bits per packed id
  std::size_t n_tokens_ = 0;
  int seen_ids_ = 0;
  std::vector<std::int32_t> train_;  // kept only while an order is hashed (for verification)
  std::int32_t tail_[kMaxOrder] = {};  // the last min(N, kMaxOrder) training ids, for context counts
  std::vector<Table> tables_;        // tables_[k - 1] holds the k-grams
};

}  // namespace seqlab::ngram
