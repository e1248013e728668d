#pragma once
// The one n-gram count store of the engine: counts of every k-gram (k = 1..max_order) of an id
// sequence. The n-gram model reads probabilities from it (engine/ngram/ngram_model) and the corpus
// statistics iterate it for their top lists, distinct counts and rank-frequency curves
// (engine/stats/corpus_stats).
//
// The key of a window of k ids is
//   - packed:  the ids themselves, b bits each (b = bits needed for vocab_size - 1), when k*b <= 64.
//              Exact, so two windows are equal iff their keys are (char level: up to 12-grams;
//              a 4,600-word vocabulary: up to 4-grams);
//   - hashed:  a 64-bit hash of the ids otherwise; equal keys are then verified against the training
//              window starting at `pos`, so a hash collision can never merge two n-grams.
// An order whose packed key space 2^(k*b) is small (char level up to 4-grams) is a dense array of
// counts indexed by the key; every other order is an OpenTable (engine/core/open_table.h) of 16-byte
// slots {key, count, pos}: no n-gram owns a heap allocation.
//
// Context counts (docs/math.md §2): c(h) counts h as the first n-1 tokens of a window of length n. Every
// occurrence of the (n-1)-gram h starts such a window except the one ending at the last training token,
// so c(h) = count(h) - [h is the training tail]; no extra table is needed.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/open_table.h"

namespace seqlab::ngram {

inline constexpr int kMaxOrder = 8;

class NgramCounts {
 public:
  // Counts ids[0..n) (n may be 0 or shorter than max_order: such orders have no windows). Throws
  // seqlab::Error when max_order is outside [1, kMaxOrder], vocab_size < 1, n >= 2^32 - 1, or an id lies
  // outside [0, vocab_size).
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

  // A number in [0, index_space(k)) for a k-gram seen in training, distinct k-grams getting distinct
  // numbers (the dense key or the table slot), kNoIndex for an unseen one: arrays of per-k-gram values
  // beside the counts (engine/ngram/type_counts.h) are indexed by it. k in [1, max_order].
  static constexpr std::size_t kNoIndex = ~std::size_t{0};
  std::size_t index(const std::int32_t* window, int k) const;
  std::size_t index_space(int k) const;
  // The first min(N, kMaxOrder) training ids (the one k-gram occurrence without a left neighbour).
  const std::int32_t* head() const { return head_; }

  std::uint64_t windows(int k) const;           // N - k + 1 (0 when N < k), k in [1, max_order]
  std::size_t distinct(int k) const;            // distinct k-grams, k in [1, max_order]
  std::size_t distinct_total() const;           // summed over k = 1..max_order
  std::size_t memory_bytes() const;             // count arrays and slots + the kept training ids
  // An upper bound of memory_bytes() at its peak (while the largest table grows), computed without
  // counting, for the memory plan (engine/core/memory_budget.h): dense orders exactly; a table order has at
  // most min(windows, vocab_size^k) distinct k-grams, so at most the first power of two >= twice that many
  // 16-byte slots (the table stays at most half full), and 1.5 times that while it doubles.
  static std::uint64_t max_bytes(std::size_t n, int vocab_size, int max_order);

  // visit(const std::int32_t* ids, std::uint64_t count) once per distinct k-gram (ids: k ids, valid
  // during the call), in no particular order. k in [1, max_order].
  template <class Visit>
  void for_each(int k, const Visit& visit) const;

 private:
  struct Slot {
    std::uint64_t key;
    std::uint32_t count;  // 0 marks an empty slot
    std::uint32_t pos;    // start of the first occurrence in the training sequence

    static Slot empty() { return Slot{0, 0, 0}; }
    bool occupied() const { return count != 0; }
    std::uint64_t hash() const { return key; }
  };
  struct Order {
    bool packed = true;
    bool dense = false;
    std::vector<std::uint32_t> dense_counts;  // dense orders: count of each packed key
    OpenTable<Slot> table;                    // the other orders
    std::size_t distinct = 0;
  };

  // The key-space decision of the constructor, shared with max_bytes.
  static int bits_for(int vocab_size);
  static bool is_dense(int k, int bits, std::uint64_t windows);
  void check_k(int k, int lo) const;
  std::uint64_t key_of(const std::int32_t* window, int k) const;
  void unpack(std::uint64_t key, int k, std::int32_t* ids) const;
  void count_order(int k, const std::int32_t* ids);  // ids: the training sequence

  int max_order_ = 0;
  int vocab_size_ = 0;
  int bits_ = 1;             // bits per packed id
  std::size_t n_tokens_ = 0;
  int seen_ids_ = 0;
  std::vector<std::int32_t> train_;    // kept only while an order is hashed (verification, iteration)
  std::int32_t tail_[kMaxOrder] = {};  // the last min(N, kMaxOrder) training ids, for context counts
  std::int32_t head_[kMaxOrder] = {};  // the first min(N, kMaxOrder) training ids
  std::vector<Order> orders_;          // orders_[k - 1] holds the k-grams
};

template <class Visit>
void NgramCounts::for_each(int k, const Visit& visit) const {
  check_k(k, 1);
  const Order& order = orders_[static_cast<std::size_t>(k - 1)];
  std::int32_t ids[kMaxOrder];
  if (order.dense) {
    for (std::size_t key = 0; key < order.dense_counts.size(); ++key) {
      if (order.dense_counts[key] == 0) continue;
      unpack(key, k, ids);
      visit(static_cast<const std::int32_t*>(ids), static_cast<std::uint64_t>(order.dense_counts[key]));
    }
    return;
  }
  order.table.for_each([&](const Slot& slot) {
    if (order.packed) {
      unpack(slot.key, k, ids);
      visit(static_cast<const std::int32_t*>(ids), static_cast<std::uint64_t>(slot.count));
    } else {
      visit(train_.data() + slot.pos, static_cast<std::uint64_t>(slot.count));
    }
  });
}

}  // namespace seqlab::ngram
