#pragma once
// Modified Kneser-Ney's discounts and backoff masses (Chen & Goodman 1998, estimated as KenLM does; the rule
// is in engine/ngram/smoothing.h). An order-n model has levels k = 1..n; the count a(x) of a k-gram x is its
// raw count c(x) at the top level k = n and its continuation count N1+(·x) (engine/ngram/type_counts.h)
// below. Per level:
//   count-of-counts  n_j = number of k-grams x with a(x) = j, j = 1..4;
//   discounts        Y = n1 / (n1 + 2 n2),  D1 = 1 - 2Y n2/n1,  D2 = 2 - 3Y n3/n2,  D3+ = 3 - 4Y n4/n3,
//                    D(0) = 0, D(1) = D1, D(2) = D2, D(a >= 3) = D3+;
//   backoff mass     B(h) = D1 N1(h·) + D2 N2(h·) + D3+ N3+(h·) for each context h of k-1 ids, where Nj(h·)
//                    is the number of w with a(h w) = j (N3+: a >= 3), i.e. B(h) = sum over w of D(a(h w)).
// The formula needs n1..n4 > 0 and gives each D_j in (0, j] only on data where the count-of-counts fall
// like a natural text's. Where a level's n_j is 0 or a D_j comes out <= 0 (tiny or artificial texts; the
// continuation counts of a character model's unigrams, where every letter follows many others) that level
// takes KenLM's fallback discounts D = (0.5, 1, 1.5) (its --discount_fallback values), and fallback(k)
// says so. The model stays a distribution either way.
//
// Counted once at fit time in one pass over the distinct k-grams per level. B is stored as one double per
// dense entry or table slot of each context order 1..n-1 (indexed by NgramCounts::index), nothing per query.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/ngram/ngram_counts.h"
#include "engine/ngram/type_counts.h"

namespace seqlab::ngram {

struct LevelDiscounts {
  std::array<std::uint64_t, 4> count_of_counts{};  // n1, n2, n3, n4
  std::array<double, 3> discount{};                // D1, D2, D3+
  bool fallback = false;                           // the formula did not apply: (0.5, 1, 1.5)
  double of(std::uint64_t a) const { return a == 0 ? 0.0 : discount[a >= 3 ? 2 : a - 1]; }
};

class CountClasses {
 public:
  // The discounts and masses of an order-`order` model; `types` must hold continuation counts for that
  // order (kept by reference with `counts`: both must outlive this). Throws seqlab::Error otherwise.
  CountClasses(const NgramCounts& counts, const TypeCounts& types, int order);

  // The fallback discounts D1, D2, D3+ (KenLM's --discount_fallback default).
  static constexpr std::array<double, 3> kFallback = {0.5, 1.0, 1.5};
  // The Chen & Goodman discounts from n1..n4, or kFallback (and fallback = true) when they do not apply.
  static LevelDiscounts estimate(const std::array<std::uint64_t, 4>& count_of_counts);

  int order() const { return order_; }
  // Level k in [1, order].
  const LevelDiscounts& level(int k) const;
  // B(h) for the k ids h as a context of level k + 1, k in [0, order - 1]; 0 for a context never seen.
  double backoff_mass(const std::int32_t* h, int k) const;

  std::size_t memory_bytes() const;
  // An upper bound of memory_bytes() without counting, for the memory plan: one double per entry or slot
  // of the count orders 1..order-1.
  static std::uint64_t max_bytes(std::size_t n, int vocab_size, int order);

 private:
  const NgramCounts& counts_;
  int order_ = 1;
  std::vector<LevelDiscounts> levels_;      // [k - 1]: level k
  double empty_context_mass_ = 0;           // B() of the unigram level
  std::vector<std::vector<double>> mass_;   // [k - 1]: B(h) of the k-id contexts, k = 1..order-1
};

}  // namespace seqlab::ngram
