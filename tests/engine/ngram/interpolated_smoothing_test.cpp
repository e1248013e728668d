// Witten-Bell, Kneser-Ney and MLE (engine/ngram/smoothing.h): the type counts against a brute-force count,
// normalisation of every conditional distribution at every order (contexts seen, unseen and short),
// probabilities on tiny texts against numbers worked out by hand, unseen events in the perplexity, options.
#include <doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/ngram_options.h"
#include "engine/ngram/smoothing.h"
#include "engine/ngram/type_counts.h"

using seqlab::Error;
using seqlab::Rng;
using seqlab::ngram::NgramCounts;
using seqlab::ngram::NgramModel;
using seqlab::ngram::Smoothing;
using seqlab::ngram::TypeCounts;

namespace {

// Zipf-like ids in [first, V): many repeats; ids below `first` never occur in training.
std::vector<std::int32_t> zipf_stream(std::size_t n, int V, int first, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::int32_t> ids(n);
  for (auto& id : ids) id = first + static_cast<std::int32_t>(std::floor(std::pow(rng.uniform(), 3.0) * (V - first)));
  return ids;
}

using Gram = std::vector<std::int32_t>;

double sum(const std::vector<double>& p) {
  double s = 0;
  for (double x : p) s += x;
  return s;
}

}  // namespace

TEST_CASE("ngram type counts: follow, precede, middle equal a brute-force count (dense, packed, hashed)") {
  // V = 5000: 13 bits an id, so orders 5 and 6 are hashed; V = 12: dense low orders.
  for (int V : {12, 5000}) {
    const auto ids = zipf_stream(6000, V, 1, 5 + V);
    const int order = 6;
    const NgramCounts counts(ids.data(), ids.size(), V, order);
    const TypeCounts types(counts, order, true);
    for (int k = 1; k <= order - 1; ++k) {
      std::map<Gram, std::set<std::int32_t>> follow, precede;
      std::map<Gram, std::set<std::pair<std::int32_t, std::int32_t>>> middle;
      for (std::size_t i = 0; i + static_cast<std::size_t>(k) < ids.size(); ++i) {
        const Gram g(ids.begin() + static_cast<std::ptrdiff_t>(i), ids.begin() + static_cast<std::ptrdiff_t>(i) + k + 1);
        follow[Gram(g.begin(), g.end() - 1)].insert(g.back());
        precede[Gram(g.begin() + 1, g.end())].insert(g.front());
        if (k >= 2) middle[Gram(g.begin() + 1, g.end() - 1)].insert({g.front(), g.back()});
      }
      for (const auto& [h, set] : follow) CHECK(types.follow(h.data(), k) == set.size());
      for (const auto& [g, set] : precede) CHECK(types.precede(g.data(), k) == set.size());
      for (const auto& [h, set] : middle) CHECK(types.middle(h.data(), k - 1) == set.size());
      const Gram unseen(static_cast<std::size_t>(k), 0);  // id 0 never occurs
      CHECK(types.follow(unseen.data(), k) == 0);
      CHECK(types.precede(unseen.data(), k) == 0);
    }
    std::set<Gram> bigrams;
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) bigrams.insert({ids[i], ids[i + 1]});
    CHECK(types.middle(nullptr, 0) == bigrams.size());
    CHECK(types.follow(nullptr, 0) == static_cast<std::uint64_t>(counts.seen_ids()));
  }
}

TEST_CASE("ngram witten-bell and kneser-ney: every distribution sums to 1 over the vocabulary at every order") {
  // Random contexts of every length 0..n-1 (shorter ones use the lower-order distribution), from the
  // training text (seen), from random ids (mostly unseen) and with id 0, which never occurs in training.
  const int V = 30;
  const auto ids = zipf_stream(20000, V, 1, 77);
  const auto counts = std::make_shared<const NgramCounts>(ids.data(), ids.size(), V, 6);
  Rng rng(3);
  std::vector<double> p;
  for (const Smoothing& rule : {Smoothing::witten_bell(), Smoothing::kneser_ney(0.75), Smoothing::kneser_ney(0.1),
                                Smoothing::kneser_ney(0.99)}) {
    for (int n = 1; n <= 6; ++n) {
      const NgramModel model(counts, n, rule);
      for (int trial = 0; trial < 60; ++trial) {
        const std::size_t len = static_cast<std::size_t>(trial % n);
        std::vector<std::int32_t> context(len);
        const std::size_t start = static_cast<std::size_t>(rng.uniform() * (ids.size() - 8));
        for (std::size_t j = 0; j < len; ++j) {
          if (trial % 3 == 0) context[j] = ids[start + j];                                   // seen
          else if (trial % 3 == 1) context[j] = static_cast<std::int32_t>(rng.uniform() * V);  // mostly unseen
          else context[j] = j == 0 ? 0 : ids[start + j];                                      // with <unk>
        }
        model.distribution(context.data(), context.size(), p);
        CAPTURE(rule.to_string());
        CAPTURE(n);
        CAPTURE(len);
        CHECK(sum(p) == doctest::Approx(1.0).epsilon(1e-12));
        CHECK(p[0] == 0.0);  // id 0 never occurs in training: no smoothing floor below the unigram
        for (std::int32_t w = 0; w < V; w += 7)
          CHECK(model.probability(context.data(), context.size(), w) == p[static_cast<std::size_t>(w)]);
      }
    }
  }
}

TEST_CASE("ngram mle: sums to 1 over the continuations of a seen context, 0 after an unseen one") {
  const int V = 20;
  const auto ids = zipf_stream(5000, V, 1, 9);
  std::vector<double> p;
  for (int n = 1; n <= 4; ++n) {
    const NgramModel model(ids.data(), ids.size(), V, n, Smoothing::mle());
    for (std::size_t start = 0; start + 8 < ids.size(); start += 611) {
      model.distribution(ids.data() + start, static_cast<std::size_t>(n - 1), p);
      CHECK(sum(p) == doctest::Approx(1.0).epsilon(1e-12));
    }
    if (n > 1) {
      const std::vector<std::int32_t> unseen(static_cast<std::size_t>(n - 1), 0);
      model.distribution(unseen.data(), unseen.size(), p);
      CHECK(sum(p) == 0.0);
      Rng rng(1);
      CHECK_THROWS_AS(model.sample(unseen, 3, 1.0, rng), Error);
    }
  }
}

TEST_CASE("ngram witten-bell: probabilities of 'a b a b c' worked out by hand") {
  // ids a = 1, b = 2, c = 3 (0 = <unk>, unseen); N = 5.
  // unigrams: c(a) = 2, c(b) = 2, c(c) = 1 -> P(a) = 0.4, P(b) = 0.4, P(c) = 0.2, P(<unk>) = 0.
  // bigrams: ab 2, ba 1, bc 1. Context counts: c(a) = 2, c(b) = 2, c(c) = 0 (c only ends the text).
  // Distinct followers: N1+(a·) = 1 {b}, N1+(b·) = 2 {a, c}.
  const std::vector<std::int32_t> text = {1, 2, 1, 2, 3};
  const NgramModel model(text.data(), text.size(), 4, 2, Smoothing::witten_bell());
  const auto P = [&](std::int32_t h, std::int32_t w) { return model.probability(&h, 1, w); };
  CHECK(P(1, 2) == doctest::Approx(2.4 / 3));  // (2 + 1 * 0.4) / (2 + 1) = 0.8
  CHECK(P(1, 1) == doctest::Approx(0.4 / 3));  // (0 + 1 * 0.4) / 3
  CHECK(P(1, 3) == doctest::Approx(0.2 / 3));  // (0 + 1 * 0.2) / 3
  CHECK(P(2, 1) == doctest::Approx(1.8 / 4));  // (1 + 2 * 0.4) / (2 + 2) = 0.45
  CHECK(P(2, 3) == doctest::Approx(1.4 / 4));  // (1 + 2 * 0.2) / 4 = 0.35
  CHECK(P(2, 2) == doctest::Approx(0.8 / 4));  // (0 + 2 * 0.4) / 4 = 0.2
  CHECK(P(3, 1) == doctest::Approx(0.4));      // c(c) = 0: the unigram
  CHECK(P(1, 0) == 0.0);                       // <unk> never seen
  CHECK(model.probability(nullptr, 0, 3) == doctest::Approx(0.2));
}

TEST_CASE("ngram kneser-ney: probabilities worked out by hand, raw counts on top, continuation counts below") {
  // 'a b a b c' (a = 1, b = 2, c = 3), d = 0.5.
  // bigram types ab, ba, bc: N1+(·a) = 1, N1+(·b) = 1, N1+(·c) = 1, N1+(··) = 3 -> Pc(a) = Pc(b) = Pc(c) = 1/3.
  const std::vector<std::int32_t> text = {1, 2, 1, 2, 3};
  const NgramModel bigram(text.data(), text.size(), 4, 2, Smoothing::kneser_ney(0.5));
  const auto P2 = [&](std::int32_t h, std::int32_t w) { return bigram.probability(&h, 1, w); };
  CHECK(P2(1, 2) == doctest::Approx((1.5 + 0.5 * 1 / 3.0) / 2));      // (max(2-.5,0) + .5 N1+(a·)=1 · 1/3) / c(a)=2
  CHECK(P2(1, 1) == doctest::Approx((0.5 * 1 / 3.0) / 2));            // 1/12
  CHECK(P2(2, 1) == doctest::Approx((0.5 + 0.5 * 2 / 3.0) / 2));      // (1 - .5 + .5 · N1+(b·)=2 · 1/3) / 2
  CHECK(P2(2, 2) == doctest::Approx((0.5 * 2 / 3.0) / 2));            // 1/6
  CHECK(P2(3, 2) == doctest::Approx(1 / 3.0));                        // c(c) = 0: Pc(b)
  CHECK(bigram.probability(nullptr, 0, 1) == doctest::Approx(0.4));   // a shorter context: the order-1 model c(a)/N

  // Trigram P(c | a b): c(ab·) = 2 (aba, abc), N1+(ab·) = 2, c(abc) = 1.
  //   lower Pc(c | b): N1+(·bc) = 1 {a}; N1+(·b·) = 2 {a_a, a_c}; L(b) = 2 {a, c} (ba and bc have a left neighbour)
  //   Pc(c | b) = (max(1 - .5, 0) + .5 · 2 · Pc(c)) / 2 = (0.5 + 1/3) / 2 = 5/12
  //   P(c | a b) = (max(1 - .5, 0) + .5 · 2 · 5/12) / 2 = (0.5 + 5/12) / 2 = 11/24
  const NgramModel trigram(text.data(), text.size(), 4, 3, Smoothing::kneser_ney(0.5));
  const std::int32_t ab[] = {1, 2};
  CHECK(trigram.probability(ab, 2, 3) == doctest::Approx(11 / 24.0));

  // 'a b a c': the first bigram ab occurs only at the start, so it has no left neighbour and L(a) = 1 {c}
  // although N1+(a·) = 2 {b, c}. Pc over bigram types ab, ba, ac: 1/3 each. N1+(·a·) = 1 (b a c).
  //   Pc(c | a) = (max(1 - .5, 0) + .5 · L(a)=1 · 1/3) / 1 = 2/3;  Pc(b | a) = Pc(a | a) = .5 / 3 = 1/6
  // (with N1+(a·) = 2 in place of L(a) the three would sum to 1.5). The context 'c a' is unseen, so
  // P(w | c a) = Pc(w | a).
  const std::vector<std::int32_t> text2 = {1, 2, 1, 3};
  const NgramModel start(text2.data(), text2.size(), 4, 3, Smoothing::kneser_ney(0.5));
  const std::int32_t ca[] = {3, 1};
  CHECK(start.probability(ca, 2, 3) == doctest::Approx(2 / 3.0));
  CHECK(start.probability(ca, 2, 2) == doctest::Approx(1 / 6.0));
  CHECK(start.probability(ca, 2, 1) == doctest::Approx(1 / 6.0));
}

TEST_CASE("ngram perplexity: events of probability 0 are counted and make the perplexity infinite") {
  // Training 'a b a b c'; evaluation 'a b a c': the bigram ac was never seen.
  const std::vector<std::int32_t> text = {1, 2, 1, 2, 3};
  const std::vector<std::int32_t> eval = {1, 2, 1, 3};
  const NgramModel mle(text.data(), text.size(), 4, 2, Smoothing::mle());
  const auto r = mle.perplexity(eval.data(), eval.size());
  CHECK(r.scored == 3);
  CHECK(r.unseen == 1);
  CHECK(std::isinf(r.perplexity));
  // Seen bigrams only: P(b|a) = 1, P(a|b) = 1/2 -> perplexity = exp(-(log 1 + log 1/2) / 2) = sqrt 2.
  const std::vector<std::int32_t> seen = {1, 2, 1};
  const auto ok = mle.perplexity(seen.data(), seen.size());
  CHECK(ok.unseen == 0);
  CHECK(ok.perplexity == doctest::Approx(std::sqrt(2.0)));
  // Witten-Bell smooths the unseen bigram, but not an id never seen in training (<unk> = 0).
  const NgramModel wb(text.data(), text.size(), 4, 2, Smoothing::witten_bell());
  CHECK(wb.perplexity(eval.data(), eval.size()).unseen == 0);
  const std::vector<std::int32_t> with_unk = {1, 0, 1};
  CHECK(wb.perplexity(with_unk.data(), with_unk.size()).unseen == 1);
  // Laplace never gives 0.
  const NgramModel laplace(text.data(), text.size(), 4, 2, Smoothing::laplace());
  CHECK(laplace.perplexity(with_unk.data(), with_unk.size()).unseen == 0);
}

TEST_CASE("ngram options: mle, witten-bell, kneser-ney and the discount's range") {
  using seqlab::schema::NgramOptions;
  const auto read = [](const char* json) {
    return seqlab::read_options(seqlab::schema::ngram_options(), seqlab::Json::parse(json), NgramOptions());
  };
  CHECK(read(R"({"smoothing":"witten-bell"})").rule().kind == Smoothing::Kind::WittenBell);
  CHECK(read(R"({"smoothing":"mle"})").rule().kind == Smoothing::Kind::MLE);
  const auto kn = read(R"({"smoothing":"kneser-ney","discount":0.3})").rule();
  CHECK(kn.kind == Smoothing::Kind::KneserNey);
  CHECK(kn.discount == 0.3);
  CHECK(read(R"({"smoothing":"kneser-ney"})").rule().discount == 0.75);
  CHECK(read(R"({"smoothing":"kneser-ney:0.4"})").rule().discount == 0.4);
  CHECK_THROWS_AS(read(R"({"smoothing":"kneser-ney","discount":1})"), Error);
  CHECK_THROWS_AS(read(R"({"smoothing":"kneser-ney","discount":0})"), Error);
  CHECK_THROWS_AS(read(R"({"smoothing":"kneser-ney:1.5"})"), Error);
  CHECK_THROWS_AS(Smoothing::kneser_ney(std::numeric_limits<double>::quiet_NaN()), Error);
  CHECK(Smoothing::parse("witten-bell").to_string() == "witten-bell");
  CHECK(Smoothing::parse("kneser-ney:0.5").to_string() == "kneser-ney:0.5");
  CHECK(NgramOptions{}.discount == 0.75);
}
