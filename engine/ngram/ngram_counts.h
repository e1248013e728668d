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
//
// Sentences (SentenceMarks): a padded sequence is sentences <s> w1 .. wm </s> one after the other (KenLM's
// convention, docs/guide.md). Only the windows inside one sentence are counted: a window holds <s> at its
// first position only and </s> at its last only, so no n-gram spans two sentences. Then every occurrence of
// h not ending in </s> starts a longer window and c(h) = count(h), 0 when h ends in </s>. <s> is counted
// (as a unigram and as the first id of windows: a context), but it is never predicted: the predicted_*
// accessors leave it out of N, V and m.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/open_table.h"

namespace seqlab::ngram {

inline constexpr int kMaxOrder = 8;

// The ids of <s> and </s> in a padded sequence; both -1 for a plain sequence.
struct SentenceMarks {
  std::int32_t start = -1;
  std::int32_t end = -1;
  bool on() const { return start >= 0; }
};

// Throws seqlab::Error (naming `what` and the position) unless ids[0..n) is whole sentences <s> w* </s>,
// each w neither mark (n = 0: none); a no-op when the marks are off.
void check_sentences(const std::int32_t* ids, std::size_t n, SentenceMarks marks, const char* what);

class NgramCounts {
 public:
  // Counts ids[0..n) (n may be 0 or shorter than max_order: such orders have no windows). Throws
  // seqlab::Error when max_order is outside [1, kMaxOrder], vocab_size < 1, n >= 2^32 - 1, or an id lies
  // outside [0, vocab_size). With marks on: also when the marks are not two distinct ids of the vocabulary,
  // or ids[0..n) is not a run of whole sentences <s> w* </s> (w neither mark; n = 0 is none).
  NgramCounts(const std::int32_t* ids, std::size_t n, int vocab_size, int max_order, SentenceMarks marks = {});

  int max_order() const { return max_order_; }
  int vocab_size() const { return vocab_size_; }
  std::size_t tokens() const { return n_tokens_; }  // N
  int seen_ids() const { return seen_ids_; }         // m: distinct ids occurring in training
  const SentenceMarks& marks() const { return marks_; }
  // What the bottom of a model predicts over: N, V and m less <s> when the sequence is padded (<s> is a
  // context, never predicted), else tokens(), vocab_size(), seen_ids().
  std::size_t predicted_tokens() const { return n_tokens_ - start_count_; }
  int predicted_vocab_size() const { return vocab_size_ - (marks_.on() ? 1 : 0); }
  int predicted_seen_ids() const { return seen_ids_ - (start_count_ > 0 ? 1 : 0); }
  // Whether id is <s> of a padded sequence.
  bool is_start(std::int32_t id) const { return marks_.on() && id == marks_.start; }

  // Occurrences of the k-gram window[0..k) in training, k in [1, max_order].
  std::uint64_t count(const std::int32_t* window, int k) const;
  // c(h) for the k ids window[0..k) as a context (first k tokens of a (k+1)-window); k = 0 gives N
  // (predicted_tokens(): N less the <s> of a padded sequence).
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
  SentenceMarks marks_;
  std::size_t start_count_ = 0;  // occurrences of <s> (0 for a plain sequence)
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
