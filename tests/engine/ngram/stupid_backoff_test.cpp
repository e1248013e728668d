// Stupid backoff (engine/ngram/smoothing.h): scores worked out by hand, the perplexity refused, next tokens
// and samples from the scores normalised over the vocabulary.
#include <doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/ngram_options.h"
#include "engine/ngram/smoothing.h"

using seqlab::Error;
using seqlab::Rng;
using seqlab::ngram::NgramModel;
using seqlab::ngram::Smoothing;

namespace {

// 'a b a b a b a b c a c d c d c d e d e b e a' with a = 1 .. e = 5; id 0 never occurs. N = 22.
//   unigram counts a 6, b 5, c 4, d 4, e 3; as contexts (the last a ends the text): a 5, b 5.
//   ab 4, ac 1, be 1, bc 1, ba 3; the trigrams after 'a b': aba 3, abc 1.
const std::vector<std::int32_t> kText = {1, 2, 1, 2, 1, 2, 1, 2, 3, 1, 3, 4, 3, 4, 3, 4, 5, 4, 5, 2, 5, 1};
constexpr int kVocab = 6;

}  // namespace

TEST_CASE("ngram stupid-backoff: scores worked out by hand, alpha = 0.4 per level backed off") {
  const NgramModel trigram(kText.data(), kText.size(), kVocab, 3, Smoothing::stupid_backoff());
  const std::int32_t ab[] = {1, 2};
  CHECK(trigram.score(ab, 2, 3) == doctest::Approx(1 / 4.0).epsilon(1e-14));             // c(abc) / c(ab·)
  CHECK(trigram.score(ab, 2, 1) == doctest::Approx(3 / 4.0).epsilon(1e-14));             // c(aba) / c(ab·)
  CHECK(trigram.score(ab, 2, 5) == doctest::Approx(0.4 * 1 / 5.0).epsilon(1e-14));       // abe unseen: 0.4 c(be)/c(b·)
  CHECK(trigram.score(ab, 2, 4) == doctest::Approx(0.16 * 4 / 22.0).epsilon(1e-14));     // abd, bd unseen: 0.4² c(d)/N
  CHECK(trigram.score(ab, 2, 0) == 0.0);                                                  // never seen at all
  CHECK(trigram.score(ab + 1, 1, 1) == doctest::Approx(3 / 5.0).epsilon(1e-14));         // a short context: c(ba)/c(b·)
  CHECK(trigram.score(nullptr, 0, 1) == doctest::Approx(6 / 22.0).epsilon(1e-14));       // c(a)/N
  // The scores after 'a b' sum to 1/4 + 3/4 + 0.08 + 0.16·4/22 + 0.4·(c(bb) = 0 -> 0.4·5/22) > 1: no distribution.
  double total = 0;
  for (std::int32_t w = 0; w < kVocab; ++w) total += trigram.score(ab, 2, w);
  CHECK(total > 1.0);
  const NgramModel laplace(kText.data(), kText.size(), kVocab, 3, Smoothing::laplace());
  CHECK_THROWS_AS(laplace.score(ab, 2, 3), Error);
}

TEST_CASE("ngram stupid-backoff: no perplexity; next tokens and samples from the normalised scores") {
  const NgramModel trigram(kText.data(), kText.size(), kVocab, 3, Smoothing::stupid_backoff());
  CHECK_THROWS_WITH_AS(trigram.perplexity(kText.data(), kText.size()),
                       doctest::Contains("stupid-backoff gives scores, not probabilities"), Error);
  const std::int32_t ab[] = {1, 2};
  std::vector<double> p;
  trigram.distribution(ab, 2, p);
  double total = 0;
  for (std::int32_t w = 0; w < kVocab; ++w) total += trigram.score(ab, 2, w);
  double sum = 0;
  for (std::int32_t w = 0; w < kVocab; ++w) {
    CHECK(p[static_cast<std::size_t>(w)] == doctest::Approx(trigram.score(ab, 2, w) / total).epsilon(1e-14));
    CHECK(trigram.probability(ab, 2, w) == p[static_cast<std::size_t>(w)]);
    sum += p[static_cast<std::size_t>(w)];
  }
  CHECK(sum == doctest::Approx(1.0).epsilon(1e-14));
  const auto top = trigram.next_tokens(ab, 2, 2);
  REQUIRE(top.size() == 2);
  CHECK(top[0].id == 1);  // a: 3/4 is the largest score
  CHECK(top[1].id == 3);  // c: 1/4
  Rng rng(7);
  const auto drawn = trigram.sample({1, 2}, 50, 1.0, rng);
  CHECK(drawn.size() == 50);
  for (const std::int32_t id : drawn) CHECK(id != 0);  // <unk> scores 0: never drawn
  const auto rule = seqlab::read_options(seqlab::schema::ngram_options(),
                                         seqlab::Json::parse(R"({"smoothing":"stupid-backoff"})"),
                                         seqlab::schema::NgramOptions())
                        .rule();
  CHECK(rule.kind == Smoothing::Kind::StupidBackoff);
  CHECK_FALSE(rule.is_distribution());
  CHECK(Smoothing::parse("stupid-backoff").to_string() == "stupid-backoff");
}
