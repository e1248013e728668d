#pragma once
// Type counts for the interpolated smoothings (engine/ngram/smoothing.h): how many DISTINCT ids follow,
// precede or surround a k-gram in training. Witten-Bell reads N1+(h·) (follow); Kneser-Ney also reads the
// continuation counts N1+(·g) (precede) and N1+(·h·) (middle).
//
// Counted once at fit time from the distinct n-grams of NgramCounts (one pass over the distinct (k+1)-grams
// per order, no pass over the text), so a probability costs table look-ups only. Stored as uint32 arrays
// parallel to the count store's orders, indexed by NgramCounts::index: 4 bytes per dense entry or table slot
// and array, nothing per query.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/ngram/ngram_counts.h"

namespace seqlab::ngram {

class TypeCounts {
 public:
  // Type counts of the contexts of an order-`order` model (k-grams with k <= order - 1) over `counts`
  // (kept by reference: it must outlive this). continuation: also precede and middle (Kneser-Ney).
  // Throws seqlab::Error when order is outside [1, counts.max_order()].
  TypeCounts(const NgramCounts& counts, int order, bool continuation);

  int order() const { return order_; }
  bool continuation() const { return continuation_; }

  // N1+(h·) for the k ids h; k in [0, order - 1] (k = 0: m, the distinct ids seen).
  std::uint64_t follow(const std::int32_t* h, int k) const;
  // N1+(·g) for the k ids g; k in [1, order - 1]; continuation only.
  std::uint64_t precede(const std::int32_t* g, int k) const;
  // N1+(·h·) for the k ids h; k in [0, order - 2] (k = 0: distinct bigrams); continuation only.
  std::uint64_t middle(const std::int32_t* h, int k) const;
  // L(h): distinct w with N1+(·h w) > 0, i.e. follow(h) less h w when its one occurrence is the text's first
  // (k+1)-gram (no left neighbour); k in [0, order - 2]; continuation only.
  std::uint64_t left_extended_follow(const std::int32_t* h, int k) const;

  std::size_t memory_bytes() const;
  // An upper bound of memory_bytes() without counting, for the memory plan: each array is at most as large
  // as the count array or table of its order (4 bytes per entry or 16-byte slot).
  static std::uint64_t max_bytes(std::size_t n, int vocab_size, int order, bool continuation);

 private:
  std::uint64_t lookup(const std::vector<std::vector<std::uint32_t>>& arrays, const std::int32_t* ids, int k) const;

  const NgramCounts& counts_;
  int order_ = 1;
  bool continuation_ = false;
  // [k - 1] holds the values of the k-grams, indexed by counts_.index(ids, k).
  std::vector<std::vector<std::uint32_t>> follow_;   // k = 1..order-1
  std::vector<std::vector<std::uint32_t>> precede_;  // k = 1..order-1 (continuation)
  std::vector<std::vector<std::uint32_t>> middle_;   // k = 1..order-2 (continuation)
};

}  // namespace seqlab::ngram
