#include "engine/ngram/type_counts.h"

#include <cstring>
#include <string>

#include "engine/core/error.h"

namespace seqlab::ngram {

TypeCounts::TypeCounts(const NgramCounts& counts, int order, bool continuation)
    : counts_(counts), order_(order), continuation_(continuation) {
  if (order < 1 || order > counts.max_order())
    throw Error("type counts: order must be in [1, " + std::to_string(counts.max_order()) + "], got " +
                std::to_string(order));
  const auto arrays = [&](int top) {
    std::vector<std::vector<std::uint32_t>> out;
    for (int k = 1; k <= top; ++k) out.emplace_back(counts.index_space(k), 0u);
    return out;
  };
  follow_ = arrays(order - 1);
  if (continuation) {
    precede_ = arrays(order - 1);
    middle_ = arrays(order - 2);
  }
  // Each distinct (k+1)-gram u..w adds one type to its prefix's follow, its suffix's precede and (k >= 2)
  // its middle's middle. Every part of a seen n-gram is seen, so each index below exists.
  for (int k = 1; k <= order - 1; ++k) {
    auto& follow = follow_[static_cast<std::size_t>(k - 1)];
    counts.for_each(k + 1, [&](const std::int32_t* ids, std::uint64_t) {
      ++follow[counts.index(ids, k)];
      if (!continuation) return;
      ++precede_[static_cast<std::size_t>(k - 1)][counts.index(ids + 1, k)];
      if (k >= 2) ++middle_[static_cast<std::size_t>(k - 2)][counts.index(ids + 1, k - 1)];
    });
  }
  // Padded: a k-gram starting with <s> (k >= 2) can have no left neighbour, so, as KenLM does, its raw count
  // stands for its continuation count: N1+(·<s> g) := c(<s> g), and N1+(·<s> g·) := c(<s> g) as a context
  // (the sum of its extensions' counts). A context starting with <s> then gives the same distribution at
  // every level as at the top, which the back-off (ARPA) form needs. <s> alone keeps N1+(·<s>) = 0: it is
  // never predicted.
  if (!continuation || !counts.marks().on()) return;
  for (int k = 2; k <= order - 1; ++k)
    counts.for_each(k, [&](const std::int32_t* ids, std::uint64_t count) {
      if (!counts.is_start(ids[0])) return;
      precede_[static_cast<std::size_t>(k - 1)][counts.index(ids, k)] = static_cast<std::uint32_t>(count);
    });
  for (int k = 1; k <= order - 2; ++k)
    counts.for_each(k, [&](const std::int32_t* ids, std::uint64_t) {
      if (!counts.is_start(ids[0])) return;
      middle_[static_cast<std::size_t>(k - 1)][counts.index(ids, k)] =
          static_cast<std::uint32_t>(counts.context_count(ids, k));
    });
}

std::uint64_t TypeCounts::lookup(const std::vector<std::vector<std::uint32_t>>& arrays, const std::int32_t* ids,
                                 int k) const {
  if (k < 1 || k > static_cast<int>(arrays.size()))
    throw Error("type counts: length " + std::to_string(k) + " is outside [1, " + std::to_string(arrays.size()) +
                "] for this model");
  const std::size_t at = counts_.index(ids, k);
  return at == NgramCounts::kNoIndex ? 0 : arrays[static_cast<std::size_t>(k - 1)][at];
}

std::uint64_t TypeCounts::follow(const std::int32_t* h, int k) const {
  if (k == 0) return static_cast<std::uint64_t>(counts_.seen_ids());
  return lookup(follow_, h, k);
}

std::uint64_t TypeCounts::precede(const std::int32_t* g, int k) const {
  if (!continuation_) throw Error("type counts: continuation counts were not counted");
  return lookup(precede_, g, k);
}

std::uint64_t TypeCounts::middle(const std::int32_t* h, int k) const {
  if (!continuation_) throw Error("type counts: continuation counts were not counted");
  if (k == 0) return order_ >= 2 ? counts_.distinct(2) : 0;
  return lookup(middle_, h, k);
}

std::uint64_t TypeCounts::left_extended_follow(const std::int32_t* h, int k) const {
  if (!continuation_) throw Error("type counts: continuation counts were not counted");
  const std::uint64_t all = follow(h, k);
  // Padded: every occurrence of h has a left neighbour inside its sentence, or h starts with <s> and its
  // extensions keep their raw counts (above): each of them counts.
  if (counts_.marks().on()) return all;
  // Only the first (k+1)-gram of the text can lack a left neighbour; it does when it occurs nowhere else.
  if (all == 0 || counts_.tokens() < static_cast<std::size_t>(k) + 1) return all;
  const std::int32_t* first = counts_.head();
  if (std::memcmp(first, h, sizeof(std::int32_t) * static_cast<std::size_t>(k)) != 0) return all;
  return precede(first, k + 1) == 0 ? all - 1 : all;
}

std::size_t TypeCounts::memory_bytes() const {
  std::size_t bytes = 0;
  for (const auto* arrays : {&follow_, &precede_, &middle_})
    for (const auto& a : *arrays) bytes += a.capacity() * sizeof(std::uint32_t);
  return bytes;
}

std::uint64_t TypeCounts::max_bytes(std::size_t n, int vocab_size, int order, bool continuation) {
  if (order < 2) return 0;
  const std::uint64_t per_array = NgramCounts::max_bytes(n, vocab_size, order - 1);
  return per_array * (continuation ? 3 : 1);
}

}  // namespace seqlab::ngram
