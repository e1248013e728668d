// The one sampler (engine/core/sampling): draw frequencies against the softmax written out by hand, the
// id-order walk against a cumulative sum done here from the same uniform, top-k ties, greedy, errors.
#include <doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/sampling.h"

using namespace seqlab;

TEST_CASE("sampling: sample_softmax draws from softmax(o / tau) restricted to the top k") {
  const float logits[4] = {0.0f, std::log(2.0f), std::log(3.0f), -50.0f};  // p ~ 1/6, 2/6, 3/6, 0
  Rng rng(123);
  const int n = 60000;
  std::vector<int> counts(4, 0);
  for (int i = 0; i < n; ++i) ++counts[sample_softmax(logits, 4, 1.0, 0, rng)];
  CHECK(counts[0] / double(n) == doctest::Approx(1.0 / 6).epsilon(0.05));
  CHECK(counts[1] / double(n) == doctest::Approx(2.0 / 6).epsilon(0.03));
  CHECK(counts[2] / double(n) == doctest::Approx(3.0 / 6).epsilon(0.02));
  // tau = 0.5 squares the odds: 1:4:9
  std::vector<int> sharp(4, 0);
  for (int i = 0; i < n; ++i) ++sharp[sample_softmax(logits, 4, 0.5, 0, rng)];
  CHECK(sharp[2] / double(n) == doctest::Approx(9.0 / 14).epsilon(0.02));
  // top-2 never draws the third most likely token
  for (int i = 0; i < 2000; ++i) CHECK(sample_softmax(logits, 4, 1.0, 2, rng) >= 1);
  CHECK(sample_softmax(logits, 4, 0.0, 0, rng) == 2);
}

TEST_CASE("sampling: the draw is the first id whose running weight exceeds u * total, in id order") {
  // Log-probabilities with a zero probability (-inf) among them, as the n-gram model passes.
  const double p[5] = {0.1, 0.0, 0.45, 0.15, 0.3};
  double logp[5];
  for (int i = 0; i < 5; ++i) logp[i] = std::log(p[i]);
  for (const double tau : {1.0, 0.7, 3.0}) {
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
      Rng copy(seed), rng(seed);
      // The reference: weights p^(1/tau), one uniform, cumulative sum over ids 0, 1, 2, ...
      double w[5], total = 0;
      for (int i = 0; i < 5; ++i) total += w[i] = std::pow(p[i], 1.0 / tau);
      const double u = copy.uniform() * total;
      int expected = 0;
      for (double running = 0; expected < 5; ++expected)
        if (u < (running += w[expected])) break;
      REQUIRE(sample_softmax(logp, 5, tau, 0, rng) == expected);
      CHECK(rng.next_u64() == copy.next_u64());  // exactly one draw was used
    }
  }
  // Top-2 of {0.45, 0.3}: ids 2 and 4 in id order, weights 0.45 : 0.3.
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    Rng copy(seed), rng(seed);
    const int expected = copy.uniform() * 0.75 < 0.45 ? 2 : 4;
    REQUIRE(sample_softmax(logp, 5, 1.0, 2, rng) == expected);
  }
}

TEST_CASE("sampling: top-k orders by score then lower id; greedy takes the lowest tied id and draws nothing") {
  const float s[6] = {1.0f, 3.0f, 2.0f, 3.0f, -1.0f, 2.0f};
  CHECK(top_k_ids(s, 6, 4) == std::vector<std::int32_t>{1, 3, 2, 5});
  CHECK(top_k_ids(s, 6, 10) == std::vector<std::int32_t>{1, 3, 2, 5, 0, 4});
  CHECK(top_k_ids(s, 6, 0).empty());
  Rng rng(5);
  CHECK(sample_softmax(s, 6, 0.0, 0, rng) == 1);
  CHECK(sample_softmax(s, 6, 0.0, 3, rng) == 1);
  CHECK(rng.next_u64() == Rng(5).next_u64());
  // softmax against the formula written out: p_i = e^{s_i / tau} / sum_j e^{s_j / tau}
  std::vector<double> p;
  softmax(s, 6, 0.5, p);
  double total = 0;
  for (float x : s) total += std::exp(x / 0.5);
  for (int i = 0; i < 6; ++i) CHECK(p[static_cast<std::size_t>(i)] == doctest::Approx(std::exp(s[i] / 0.5) / total));
}

TEST_CASE("sampling: bad temperature or top_k are errors naming the range") {
  const float s[3] = {0, 1, 2};
  Rng rng(1);
  CHECK_THROWS_WITH_AS(sample_softmax(s, 3, -1.0, 0, rng), doctest::Contains(">= 0"), Error);
  CHECK_THROWS_WITH_AS(sample_softmax(s, 3, std::numeric_limits<double>::infinity(), 0, rng),
                       doctest::Contains("finite"), Error);
  CHECK_THROWS_WITH_AS(sample_softmax(s, 3, 1.0, 4, rng), doctest::Contains("[0, 3]"), Error);
  CHECK_THROWS_WITH_AS(sample_softmax(s, 0, 1.0, 0, rng), doctest::Contains("at least 1"), Error);
  std::vector<double> p;
  CHECK_THROWS_WITH_AS(softmax(s, 3, 0.0, p), doctest::Contains("> 0"), Error);
}
