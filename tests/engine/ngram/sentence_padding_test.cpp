// Sentence padding (SentenceMarks; KenLM's convention, engine/ngram/ngram_model.h): on the two sentences
// "a b" and "a", counts, context counts, continuation counts and probabilities worked out by hand; no n-gram
// spans two sentences; <s> is never predicted and never scored; a context stops at its sentence's <s>; a
// sample starts a new sentence after </s>; every distribution sums to 1 with p(<s>) = 0; a padded model
// written as ARPA and read back scores the same; malformed padded sequences are refused.
#include <doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/ngram/arpa.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/smoothing.h"
#include "engine/ngram/type_counts.h"

using seqlab::Error;
using seqlab::Rng;
using seqlab::ngram::ArpaModel;
using seqlab::ngram::NgramCounts;
using seqlab::ngram::NgramModel;
using seqlab::ngram::SentenceMarks;
using seqlab::ngram::Smoothing;
using seqlab::ngram::TypeCounts;

namespace {

// Ids: 0 <unk>, 1 a, 2 b, 3 <s>, 4 </s>. The sentences "a b" and "a".
constexpr std::int32_t A = 1, B = 2, S = 3, E = 4;
constexpr int V = 5;
const SentenceMarks kMarks{S, E};
const std::vector<std::int32_t> kTwoSentences = {S, A, B, E, S, A, E};

std::vector<std::int32_t> random_sentences(std::size_t sentences, std::uint64_t seed) {
  // Ids 1..6 words, 7 <s>, 8 </s>; lengths 1..6, skewed words so that counts repeat.
  Rng rng(seed);
  std::vector<std::int32_t> ids;
  for (std::size_t s = 0; s < sentences; ++s) {
    ids.push_back(7);
    const int length = 1 + static_cast<int>(rng.uniform() * 6);
    for (int j = 0; j < length; ++j) ids.push_back(1 + static_cast<std::int32_t>(std::pow(rng.uniform(), 2.0) * 6));
    ids.push_back(8);
  }
  return ids;
}

}  // namespace

TEST_CASE("padded counts: no n-gram spans two sentences, context counts stop at </s>") {
  const NgramCounts c(kTwoSentences.data(), kTwoSentences.size(), V, 3, kMarks);
  const auto count = [&](std::vector<std::int32_t> w) { return c.count(w.data(), static_cast<int>(w.size())); };
  const auto context = [&](std::vector<std::int32_t> w) {
    return c.context_count(w.data(), static_cast<int>(w.size()));
  };
  // By hand: <s> a b </s> | <s> a </s>.
  CHECK(count({S}) == 2);
  CHECK(count({A}) == 2);
  CHECK(count({B}) == 1);
  CHECK(count({E}) == 2);
  CHECK(count({S, A}) == 2);
  CHECK(count({A, B}) == 1);
  CHECK(count({B, E}) == 1);
  CHECK(count({A, E}) == 1);
  CHECK(count({E, S}) == 0);  // spans the boundary
  CHECK(c.distinct(2) == 4);
  CHECK(count({S, A, B}) == 1);
  CHECK(count({A, B, E}) == 1);
  CHECK(count({S, A, E}) == 1);
  CHECK(count({B, E, S}) == 0);
  CHECK(count({E, S, A}) == 0);
  CHECK(c.distinct(3) == 3);
  // c(h): windows one longer starting with h.
  CHECK(context({S}) == 2);
  CHECK(context({A}) == 2);
  CHECK(context({E}) == 0);
  CHECK(context({S, A}) == 2);
  CHECK(context({A, E}) == 0);
  CHECK(c.context_count(nullptr, 0) == 5);  // N less the two <s>: a b </s> a </s>
  CHECK(c.predicted_tokens() == 5);
  CHECK(c.predicted_vocab_size() == 4);
  // KenLM's adjusted counts: an n-gram starting with <s> keeps its raw count as its continuation count.
  const TypeCounts t(c, 3, true);
  const std::int32_t sa[] = {S, A}, s[] = {S}, a[] = {A};
  CHECK(t.precede(sa, 2) == 2);  // c(<s> a), though nothing precedes <s>
  CHECK(t.middle(s, 1) == 2);    // c(<s>) as a context
  CHECK(t.precede(s, 1) == 0);   // <s> itself is never a continuation
  CHECK(t.precede(a, 1) == 1);   // only <s> precedes a
}

TEST_CASE("padded probabilities by hand: <s> never predicted, a context stops at its sentence") {
  SUBCASE("mle, n = 2 and 3: the same events, perplexity 4^(1/5)") {
    for (int n : {2, 3}) {
      CAPTURE(n);
      const NgramModel m(kTwoSentences.data(), kTwoSentences.size(), V, n, Smoothing::mle(), kMarks);
      const std::int32_t after_s[] = {S}, after_sa[] = {S, A};
      CHECK(m.probability(after_s, 1, A) == doctest::Approx(1.0));
      CHECK(m.probability(after_sa, 2, B) == doctest::Approx(0.5));
      CHECK(m.probability(after_sa, 2, E) == doctest::Approx(0.5));
      // Events: a | <s> (1), b | <s> a (1/2), </s> | a b (1), a | <s> (1), </s> | <s> a (1/2); <s> not scored.
      const auto r = m.perplexity(kTwoSentences.data(), kTwoSentences.size());
      CHECK(r.scored == 5);
      CHECK(r.unseen == 0);
      CHECK(r.perplexity == doctest::Approx(std::pow(4.0, 0.2)).epsilon(1e-12));
    }
  }
  SUBCASE("laplace, n = 1: over the 4 ids but <s>, N = 5") {
    const NgramModel m(kTwoSentences.data(), kTwoSentences.size(), V, 1, Smoothing::laplace(), kMarks);
    std::vector<double> p;
    m.distribution(nullptr, 0, p);
    CHECK(p[0] == doctest::Approx(1.0 / 9));  // <unk>: (0 + 1) / (5 + 4)
    CHECK(p[A] == doctest::Approx(3.0 / 9));
    CHECK(p[B] == doctest::Approx(2.0 / 9));
    CHECK(p[S] == 0.0);
    CHECK(p[E] == doctest::Approx(3.0 / 9));
  }
  SUBCASE("laplace and witten-bell, n = 2, after <s>") {
    const std::int32_t after_s[] = {S};
    const NgramModel laplace(kTwoSentences.data(), kTwoSentences.size(), V, 2, Smoothing::laplace(), kMarks);
    CHECK(laplace.probability(after_s, 1, A) == doctest::Approx(3.0 / 6));  // (2 + 1) / (c(<s>) 2 + V' 4)
    CHECK(laplace.probability(after_s, 1, B) == doctest::Approx(1.0 / 6));
    CHECK(laplace.probability(after_s, 1, S) == 0.0);
    // Witten-Bell: (c(<s> a) 2 + N1+(<s>·) 1 · P(a) 2/5) / (c(<s>) 2 + 1) = 0.8.
    const NgramModel wb(kTwoSentences.data(), kTwoSentences.size(), V, 2, Smoothing::witten_bell(), kMarks);
    CHECK(wb.probability(after_s, 1, A) == doctest::Approx(0.8));
  }
  SUBCASE("the context stops at the last <s>, and after a </s>") {
    const NgramModel m(kTwoSentences.data(), kTwoSentences.size(), V, 3, Smoothing::laplace(), kMarks);
    const std::int32_t across[] = {A, E, S}, s[] = {S}, ended[] = {B, E};
    CHECK(m.probability(across, 3, A) == m.probability(s, 1, A));
    CHECK(m.probability(ended, 2, A) == m.probability(nullptr, 0, A));
  }
}

TEST_CASE("padded sample: a drawn </s> starts a new sentence after <s>") {
  const NgramModel m(kTwoSentences.data(), kTwoSentences.size(), V, 3, Smoothing::mle(), kMarks);
  Rng rng(1);
  // Greedy: a (1) after <s>; after <s> a, b and </s> tie at 1/2, and tie again after a alone (1 each): the
  // unigram decides, </s> (2 of 5) over b (1 of 5); then a new sentence, the same again.
  const auto out = m.sample({S}, 6, 0.0, rng);
  CHECK(out == std::vector<std::int32_t>{A, E, A, E, A, E});
}

TEST_CASE("padded distributions sum to 1 with p(<s>) = 0, for every smoothing, at random contexts") {
  const auto ids = random_sentences(300, 11);
  const SentenceMarks marks{7, 8};
  Rng rng(5);
  for (const Smoothing& rule : {Smoothing::laplace(), Smoothing::add_k(0.3), Smoothing::mle(), Smoothing::witten_bell(),
                                Smoothing::kneser_ney(0.75), Smoothing::modified_kneser_ney()}) {
    for (int n = 1; n <= 5; ++n) {
      CAPTURE(rule.to_string());
      CAPTURE(n);
      const NgramModel m(ids.data(), ids.size(), 10, n, rule, marks);
      for (int trial = 0; trial < 20; ++trial) {
        // A context from the training text (which MLE has seen), cut at a random place.
        const std::size_t end = 1 + static_cast<std::size_t>(rng.uniform() * static_cast<double>(ids.size() - 1));
        if (ids[end - 1] == 8) continue;  // after </s> MLE knows nothing but the unigrams: tested below
        std::vector<double> p;
        m.distribution(ids.data(), end, p);
        double total = 0;
        for (double x : p) total += x;
        CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
        CHECK(p[7] == 0.0);
      }
    }
  }
}

TEST_CASE("a padded model written as ARPA and read back scores the same; <s> is written with -99") {
  const auto train = random_sentences(400, 3);
  const auto eval = random_sentences(60, 4);
  const SentenceMarks marks{7, 8};
  const std::vector<std::string> names = {"<unk>", "a", "b", "c", "d", "e", "f", "<s>", "</s>", "g"};
  for (const Smoothing& rule : {Smoothing::witten_bell(), Smoothing::kneser_ney(0.75), Smoothing::modified_kneser_ney()}) {
    for (int n = 1; n <= 5; ++n) {
      CAPTURE(rule.to_string());
      CAPTURE(n);
      const NgramModel m(train.data(), train.size(), 10, n, rule, marks);
      const std::string text = seqlab::ngram::write_arpa(m, names);
      CHECK(text.find("-99\t<s>") != std::string::npos);
      const ArpaModel arpa(text);
      const auto ours = m.perplexity(eval.data(), eval.size());
      const auto theirs = arpa.perplexity(eval.data(), eval.size(), marks);
      CHECK(theirs.scored == ours.scored);
      CHECK(ours.scored == eval.size() - 60);  // every id but the 60 <s>
      if (ours.unseen == 0) CHECK(theirs.perplexity == doctest::Approx(ours.perplexity).epsilon(1e-6));
      else CHECK(theirs.unseen == ours.unseen);
    }
  }
}

TEST_CASE("malformed padded sequences are refused with the position") {
  const auto refused = [](std::vector<std::int32_t> ids) {
    CHECK_THROWS_AS(NgramCounts(ids.data(), ids.size(), V, 2, kMarks), Error);
  };
  refused({A, B});            // words outside a sentence
  refused({S, A, S, B, E});   // <s> inside a sentence
  refused({S, A, E, E});      // </s> outside a sentence
  refused({S, A});            // the last sentence has no </s>
  CHECK_THROWS_AS(NgramCounts(kTwoSentences.data(), kTwoSentences.size(), V, 2, SentenceMarks{S, S}), Error);
  const NgramModel m(kTwoSentences.data(), kTwoSentences.size(), V, 2, Smoothing::laplace(), kMarks);
  const std::vector<std::int32_t> cut = {S, A, B};
  CHECK_THROWS_AS(m.perplexity(cut.data(), cut.size()), Error);
}
