// Modified Kneser-Ney (engine/ngram/smoothing.h, engine/ngram/count_classes.h): the discounts against the
// Chen & Goodman formula worked out by hand on a small text, the fallback where the formula does not apply,
// probabilities by hand, and normalisation of every conditional distribution at every order.
#include <doctest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/ngram/count_classes.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/ngram_options.h"
#include "engine/ngram/smoothing.h"

using seqlab::Error;
using seqlab::Rng;
using seqlab::ngram::CountClasses;
using seqlab::ngram::NgramCounts;
using seqlab::ngram::NgramModel;
using seqlab::ngram::Smoothing;

namespace {

// 'a b a b a b a b c a c d c d c d e d e b e a' with a = 1 .. e = 5; id 0 (<unk>) never occurs. N = 22.
//   unigram counts  a 6, b 5, c 4, d 4, e 3
//   bigram counts   ab 4, ba 3, cd 3, dc 2, de 2, ac 1, bc 1, be 1, ca 1, ea 1, eb 1, ed 1  (12 types)
//   continuation counts N1+(·w): a 3 {b, c, e}, b 2 {a, e}, c 3 {a, b, d}, d 2 {c, e}, e 2 {b, d}
const std::vector<std::int32_t> kText = {1, 2, 1, 2, 1, 2, 1, 2, 3, 1, 3, 4, 3, 4, 3, 4, 5, 4, 5, 2, 5, 1};
constexpr int kVocab = 6;

std::vector<std::int32_t> zipf_stream(std::size_t n, int V, int first, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::int32_t> ids(n);
  for (auto& id : ids) id = first + static_cast<std::int32_t>(std::floor(std::pow(rng.uniform(), 3.0) * (V - first)));
  return ids;
}

}  // namespace

TEST_CASE("ngram modified-kneser-ney: discounts from the count-of-counts, worked out by hand") {
  const NgramModel bigram(kText.data(), kText.size(), kVocab, 2, Smoothing::modified_kneser_ney());
  // Level 2 (raw bigram counts): n1 = 7, n2 = 2, n3 = 2, n4 = 1.
  //   Y = 7 / (7 + 2·2) = 7/11;  D1 = 1 - 2·(7/11)·2/7 = 7/11;  D2 = 2 - 3·(7/11)·2/2 = 1/11;
  //   D3+ = 3 - 4·(7/11)·1/2 = 19/11.
  const auto& top = bigram.discounts(2);
  const std::array<std::uint64_t, 4> top_counts = {7, 2, 2, 1};
  CHECK(top.count_of_counts == top_counts);
  CHECK_FALSE(top.fallback);
  CHECK(top.discount[0] == doctest::Approx(7 / 11.0).epsilon(1e-14));
  CHECK(top.discount[1] == doctest::Approx(1 / 11.0).epsilon(1e-14));
  CHECK(top.discount[2] == doctest::Approx(19 / 11.0).epsilon(1e-14));
  // Level 1 (continuation counts 3, 2, 3, 2, 2): n1 = 0, so the formula (n2/n1) does not apply: fallback.
  const auto& bottom = bigram.discounts(1);
  const std::array<std::uint64_t, 4> bottom_counts = {0, 3, 2, 0};
  CHECK(bottom.count_of_counts == bottom_counts);
  CHECK(bottom.fallback);
  CHECK(bottom.discount == CountClasses::kFallback);
  // A D2 below 0 (n3 large against n2): the fallback too, not a negative discount.
  const auto negative = CountClasses::estimate({10, 1, 5, 1});  // Y = 10/12, D2 = 2 - 3·(10/12)·5 < 0
  CHECK(negative.fallback);
  const auto formula = CountClasses::estimate({10, 4, 2, 1});   // Y = 10/18
  CHECK_FALSE(formula.fallback);
  CHECK(formula.discount[0] == doctest::Approx(1 - 2 * (10 / 18.0) * 4 / 10).epsilon(1e-14));
  CHECK(formula.discount[1] == doctest::Approx(2 - 3 * (10 / 18.0) * 2 / 4).epsilon(1e-14));
  CHECK(formula.discount[2] == doctest::Approx(3 - 4 * (10 / 18.0) * 1 / 2).epsilon(1e-14));
  // Another smoothing has no such discounts.
  const NgramModel wb(kText.data(), kText.size(), kVocab, 2, Smoothing::witten_bell());
  CHECK_THROWS_AS(wb.discounts(1), Error);
}

TEST_CASE("ngram modified-kneser-ney: probabilities worked out by hand") {
  const NgramModel bigram(kText.data(), kText.size(), kVocab, 2, Smoothing::modified_kneser_ney());
  // Level 1 (fallback D = 0.5, 1, 1.5 on the continuation counts): S = 12 bigram types,
  //   B() = 1.5 (a) + 1 (b) + 1.5 (c) + 1 (d) + 1 (e) = 6, uniform 1/6.
  //   P1(a) = (3 - 1.5 + 6/6) / 12 = 2.5/12, P1(b) = (2 - 1 + 1) / 12 = 2/12, P1(<unk>) = 1/12.
  const auto P1 = [&](std::int32_t w) { return bigram.probability(nullptr, 0, w); };  // a short context
  CHECK(P1(1) == doctest::Approx(2.5 / 12).epsilon(1e-14));
  CHECK(P1(2) == doctest::Approx(2.0 / 12).epsilon(1e-14));
  CHECK(P1(0) == doctest::Approx(1.0 / 12).epsilon(1e-14));
  // Level 2 after a: c(a·) = 5 (ab 4, ac 1; the text's last a starts no bigram), B(a) = D3+ + D1 = 26/11.
  //   P(b | a) = (4 - 19/11 + 26/11 · 2/12) / 5 = 8/15;  P(c | a) = (1 - 7/11 + 26/11 · 2.5/12) / 5 = 113/660;
  //   P(<unk> | a) = 26/11 · 1/12 / 5 = 26/660.
  const std::int32_t a = 1;
  CHECK(bigram.probability(&a, 1, 2) == doctest::Approx(8 / 15.0).epsilon(1e-14));
  CHECK(bigram.probability(&a, 1, 3) == doctest::Approx(113 / 660.0).epsilon(1e-14));
  CHECK(bigram.probability(&a, 1, 0) == doctest::Approx(26 / 660.0).epsilon(1e-14));
  // An order-1 model discounts the raw unigram counts (6, 5, 4, 4, 3: all D3+ = 1.5 under the fallback):
  //   B() = 7.5, P(a) = (6 - 1.5 + 7.5/6) / 22.
  const NgramModel unigram(kText.data(), kText.size(), kVocab, 1, Smoothing::modified_kneser_ney());
  CHECK(unigram.discounts(1).fallback);
  CHECK(unigram.probability(nullptr, 0, 1) == doctest::Approx((4.5 + 1.25) / 22).epsilon(1e-14));
  CHECK(unigram.probability(nullptr, 0, 0) == doctest::Approx(1.25 / 22).epsilon(1e-14));
}

TEST_CASE("ngram modified-kneser-ney: every distribution sums to 1 over the vocabulary at every order") {
  // Random contexts of every length 0..n-1 from the training text (seen), from random ids (mostly
  // unseen) and with id 0, which never occurs in training and still gets the uniform floor.
  const int V = 30;
  const auto ids = zipf_stream(20000, V, 1, 77);
  const auto counts = std::make_shared<const NgramCounts>(ids.data(), ids.size(), V, 6);
  Rng rng(5);
  std::vector<double> p;
  int formula_levels = 0;
  for (int n = 1; n <= 6; ++n) {
    const NgramModel model(counts, n, Smoothing::modified_kneser_ney());
    for (int k = 1; k <= n; ++k) formula_levels += model.discounts(k).fallback ? 0 : 1;
    for (int trial = 0; trial < 90; ++trial) {
      const std::size_t len = static_cast<std::size_t>(trial % n);
      std::vector<std::int32_t> context(len);
      const std::size_t start = static_cast<std::size_t>(rng.uniform() * (ids.size() - 8));
      for (std::size_t j = 0; j < len; ++j) {
        if (trial % 3 == 0) context[j] = ids[start + j];                                   // seen
        else if (trial % 3 == 1) context[j] = static_cast<std::int32_t>(rng.uniform() * V);  // mostly unseen
        else context[j] = j == 0 ? 0 : ids[start + j];                                      // with <unk>
      }
      model.distribution(context.data(), context.size(), p);
      CAPTURE(n);
      CAPTURE(len);
      CHECK(std::fabs(std::accumulate(p.begin(), p.end(), 0.0) - 1.0) < 1e-12);
      CHECK(p[0] > 0.0);
      for (std::int32_t w = 0; w < V; w += 7)
        CHECK(model.probability(context.data(), context.size(), w) == p[static_cast<std::size_t>(w)]);
    }
    // Positive everywhere, so the perplexity is finite with no unseen events, even for <unk>.
    const std::vector<std::int32_t> eval = {0, 3, 1, 0, 2, 5, 9, 0};
    const auto report = model.perplexity(eval.data(), eval.size());
    CHECK(report.unseen == 0);
    CHECK(std::isfinite(report.perplexity));
  }
  // The sums cover levels with the Chen & Goodman discounts, not only the fallback.
  CHECK(formula_levels >= 10);
}

TEST_CASE("ngram options: modified-kneser-ney by name") {
  using seqlab::schema::NgramOptions;
  const auto o = seqlab::read_options(seqlab::schema::ngram_options(),
                                      seqlab::Json::parse(R"({"smoothing":"modified-kneser-ney"})"), NgramOptions());
  CHECK(o.rule().kind == Smoothing::Kind::ModifiedKneserNey);
  CHECK(Smoothing::parse("modified-kneser-ney").to_string() == "modified-kneser-ney");
  CHECK(o.max_order() == seqlab::ngram::kMaxOrder);
  CHECK_FALSE(Smoothing::modified_kneser_ney().can_be_zero());
}
