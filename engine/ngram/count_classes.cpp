#include "engine/ngram/count_classes.h"

#include <cmath>
#include <string>

#include "engine/core/error.h"

namespace seqlab::ngram {

LevelDiscounts CountClasses::estimate(const std::array<std::uint64_t, 4>& count_of_counts) {
  LevelDiscounts out;
  out.count_of_counts = count_of_counts;
  bool usable = true;
  for (const std::uint64_t n : count_of_counts) usable = usable && n > 0;
  if (usable) {
    const auto n = [&](int j) { return static_cast<double>(count_of_counts[static_cast<std::size_t>(j - 1)]); };
    const double Y = n(1) / (n(1) + 2.0 * n(2));
    out.discount = {1.0 - 2.0 * Y * n(2) / n(1), 2.0 - 3.0 * Y * n(3) / n(2), 3.0 - 4.0 * Y * n(4) / n(3)};
    // D_j <= j always holds (a positive term is subtracted from j); D_j <= 0 would leave a count-j n-gram
    // all its count (or more), and no mass for the lower order.
    for (const double d : out.discount) usable = usable && std::isfinite(d) && d > 0.0;
  }
  if (!usable) {
    out.discount = kFallback;
    out.fallback = true;
  }
  return out;
}

CountClasses::CountClasses(const NgramCounts& counts, const TypeCounts& types, int order)
    : counts_(counts), order_(order) {
  if (order < 1 || order > counts.max_order())
    throw Error("modified Kneser-Ney: order must be in [1, " + std::to_string(counts.max_order()) + "], got " +
                std::to_string(order));
  if (order > 1 && (types.order() != order || !types.continuation()))
    throw Error("modified Kneser-Ney: the type counts must be the continuation counts of the same order");
  // a(x) at level k: the raw count on top, the continuation count below.
  // <s> of a padded sequence is never predicted: a(<s>) = 0 at level 1 (an order-1 model's raw count too).
  const auto adjusted = [&](const std::int32_t* ids, int k, std::uint64_t count) -> std::uint64_t {
    if (k == 1 && counts.is_start(ids[0])) return 0;
    return k == order ? count : types.precede(ids, k);
  };
  for (int k = 1; k <= order; ++k) {
    std::array<std::uint64_t, 4> n{};
    counts.for_each(k, [&](const std::int32_t* ids, std::uint64_t count) {
      const std::uint64_t a = adjusted(ids, k, count);
      if (a >= 1 && a <= 4) ++n[static_cast<std::size_t>(a - 1)];
    });
    levels_.push_back(estimate(n));
  }
  for (int k = 1; k <= order - 1; ++k) mass_.emplace_back(counts.index_space(k), 0.0);
  // Each distinct k-gram h w adds D(a(h w)) to its context's mass (the empty context at level 1).
  for (int k = 1; k <= order; ++k) {
    const LevelDiscounts& level = levels_[static_cast<std::size_t>(k - 1)];
    counts.for_each(k, [&](const std::int32_t* ids, std::uint64_t count) {
      const double d = level.of(adjusted(ids, k, count));
      if (k == 1) empty_context_mass_ += d;
      else mass_[static_cast<std::size_t>(k - 2)][counts.index(ids, k - 1)] += d;
    });
  }
}

const LevelDiscounts& CountClasses::level(int k) const {
  if (k < 1 || k > order_)
    throw Error("modified Kneser-Ney: level " + std::to_string(k) + " is outside [1, " + std::to_string(order_) + "]");
  return levels_[static_cast<std::size_t>(k - 1)];
}

double CountClasses::backoff_mass(const std::int32_t* h, int k) const {
  if (k == 0) return empty_context_mass_;
  if (k < 0 || k > order_ - 1)
    throw Error("modified Kneser-Ney: context length " + std::to_string(k) + " is outside [0, " +
                std::to_string(order_ - 1) + "]");
  const std::size_t at = counts_.index(h, k);
  return at == NgramCounts::kNoIndex ? 0.0 : mass_[static_cast<std::size_t>(k - 1)][at];
}

std::size_t CountClasses::memory_bytes() const {
  std::size_t bytes = levels_.capacity() * sizeof(LevelDiscounts);
  for (const auto& a : mass_) bytes += a.capacity() * sizeof(double);
  return bytes;
}

std::uint64_t CountClasses::max_bytes(std::size_t n, int vocab_size, int order) {
  // A double is twice a dense count (4 bytes) and half a table slot (16 bytes).
  const std::uint64_t levels = static_cast<std::uint64_t>(order) * sizeof(LevelDiscounts);
  if (order < 2) return levels;
  return levels + 2 * NgramCounts::max_bytes(n, vocab_size, order - 1);
}

}  // namespace seqlab::ngram
