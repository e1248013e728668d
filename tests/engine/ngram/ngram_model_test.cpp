// n-gram models over id sequences: counts against a brute-force std::map, normalisation of every
// conditional distribution (add-k over V, D2L over the ids seen), errors, perplexity, sampling.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/smoothing.h"

using seqlab::Error;
using seqlab::Rng;
using seqlab::ngram::NgramCounts;
using seqlab::ngram::NgramModel;
using seqlab::ngram::Smoothing;

namespace {

// A Zipf-like random stream over ids [first, V): skewed so that many n-grams repeat; ids below
// `first` never occur (they play <unk> and other unseen ids).
std::vector<std::int32_t> random_stream(std::size_t n, int V, int first, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::int32_t> ids(n);
  for (auto& id : ids) {
    const double u = rng.uniform();
    id = first + static_cast<std::int32_t>(std::floor(std::pow(u, 3.0) * (V - first)));
  }
  return ids;
}

double sum_over(const std::vector<double>& p, const std::vector<char>* only) {
  double s = 0;
  for (std::size_t w = 0; w < p.size(); ++w)
    if (!only || (*only)[w]) s += p[w];
  return s;
}

}  // namespace

TEST_CASE("ngram counts: every order 1..8 equals a brute-force count, dense, packed and hashed keys") {
  // V = 5000 needs 13 bits an id: orders 1..4 pack into 64 bits, 5..8 are hashed and verified.
  for (int V : {30, 5000}) {
    const auto ids = random_stream(20000, V, 1, 11 + V);
    const NgramCounts counts(ids.data(), ids.size(), V, 8);
    for (int k = 1; k <= 8; ++k) {
      std::map<std::vector<std::int32_t>, std::uint64_t> brute, contexts;
      for (std::size_t i = 0; i + k <= ids.size(); ++i) ++brute[std::vector<std::int32_t>(ids.begin() + i, ids.begin() + i + k)];
      for (std::size_t i = 0; i + k + 1 <= ids.size(); ++i)
        ++contexts[std::vector<std::int32_t>(ids.begin() + i, ids.begin() + i + k)];
      CHECK(counts.distinct(k) == brute.size());
      // Iteration visits each distinct k-gram once with its brute-force count (dense, packed and hashed).
      std::size_t visited = 0, wrong = 0;
      std::uint64_t sum = 0;
      counts.for_each(k, [&](const std::int32_t* gram, std::uint64_t count) {
        ++visited;
        sum += count;
        if (brute[std::vector<std::int32_t>(gram, gram + k)] != count) ++wrong;
      });
      CHECK(visited == brute.size());
      CHECK(wrong == 0);
      CHECK(sum == counts.windows(k));
      CHECK(counts.windows(k) == ids.size() - k + 1);
      for (std::size_t i = 0; i + k <= ids.size(); i += 97) {
        const std::vector<std::int32_t> window(ids.begin() + i, ids.begin() + i + k);
        REQUIRE(counts.count(window.data(), k) == brute[window]);
        REQUIRE(counts.context_count(window.data(), k) == contexts[window]);
      }
      // The training tail occurs once fewer as a context than as an n-gram.
      const std::vector<std::int32_t> tail(ids.end() - k, ids.end());
      CHECK(counts.context_count(tail.data(), k) == counts.count(tail.data(), k) - 1);
      const std::vector<std::int32_t> unseen(static_cast<std::size_t>(k), 0);
      CHECK(counts.count(unseen.data(), k) == 0);
    }
    CHECK(counts.context_count(nullptr, 0) == ids.size());
    CHECK(counts.seen_ids() <= V - 1);
  }
}

TEST_CASE("ngram model: add-k sums to 1 over V, D2L over the seen ids, for 100 seen and unseen contexts") {
  const int V = 60;
  const auto ids = random_stream(5000, V, 3, 5);  // ids 0..2 never occur: m < V
  Rng rng(99);
  std::vector<double> p;
  for (const auto& smoothing : {Smoothing::laplace(), Smoothing::add_k(0.05), Smoothing::d2l(0.3, 2.0, 7.5)}) {
    for (int n = 1; n <= (smoothing.kind == Smoothing::Kind::D2L ? 3 : 6); ++n) {
      const NgramModel model(ids.data(), ids.size(), V, n, smoothing);
      std::vector<char> seen(V, 0);
      for (auto id : ids) seen[static_cast<std::size_t>(id)] = 1;
      const std::vector<char>* over = smoothing.kind == Smoothing::Kind::D2L ? &seen : nullptr;
      for (int trial = 0; trial < 100; ++trial) {
        std::vector<std::int32_t> context(static_cast<std::size_t>(n - 1));
        if (trial % 2 == 0) {  // seen: a training window
          const std::size_t at = rng.below(ids.size() - n);
          for (int j = 0; j < n - 1; ++j) context[j] = ids[at + j];
        } else {               // almost surely unseen: uniform ids, including the never-seen ones
          for (auto& id : context) id = static_cast<std::int32_t>(rng.below(V));
        }
        model.distribution(context.data(), context.size(), p);
        REQUIRE(sum_over(p, over) == doctest::Approx(1.0).epsilon(1e-12));
        if (over) CHECK(sum_over(p, nullptr) > 1.0);  // unseen ids keep e1/m/(N+e1) each
        for (int w = 0; w < V; w += 7)
          CHECK(model.probability(context.data(), context.size(), w) == p[static_cast<std::size_t>(w)]);
      }
    }
  }
}

TEST_CASE("ngram model: D2L probabilities equal the formulas of docs/math.md §2") {
  const std::vector<std::int32_t> ids = {1, 2, 1, 2, 3, 1, 2, 1, 1};  // N = 9, m = 3, V = 5
  const double e1 = 0.5, e2 = 2.0, e3 = 3.0;
  const NgramModel model(ids.data(), ids.size(), 5, 3, Smoothing::d2l(e1, e2, e3));
  const auto p1 = [&](double c) { return (c + e1 / 3.0) / (9.0 + e1); };
  const std::int32_t ctx[] = {2, 1};
  // c(2,1) as a context = 2 (windows "2 1 2", "2 1 1"); c(2,1,2) = 1; P1(2) = (3 + e1/3)/(9 + e1).
  CHECK(model.probability(ctx, 2, 2) == doctest::Approx((1 + e3 * p1(3)) / (2 + e3)).epsilon(1e-15));
  // Bigram from the 1-id context {1}: c(1) as a context = 4 (the final 1 starts no bigram); c(1,2) = 3.
  CHECK(model.probability(ctx + 1, 1, 2) == doctest::Approx((3 + e2 * p1(3)) / (4 + e2)).epsilon(1e-15));
  CHECK(model.probability(ctx, 0, 4) == doctest::Approx(p1(0)).epsilon(1e-15));  // unseen id: e1/m/(N+e1)
}

TEST_CASE("ngram model: perplexity of a sequence equals the mean log-probability by hand") {
  const auto train = random_stream(3000, 25, 1, 21);
  const auto eval = random_stream(500, 25, 0, 22);  // includes id 0, never seen in training
  for (int n = 1; n <= 4; ++n) {
    const NgramModel model(train.data(), train.size(), 25, n, Smoothing::add_k(0.5));
    double log_sum = 0;
    for (std::size_t i = n - 1; i < eval.size(); ++i)
      log_sum += std::log(model.probability(eval.data() + i - (n - 1), n - 1, eval[i]));
    const auto report = model.perplexity(eval.data(), eval.size());
    CHECK(report.scored == eval.size() - (n - 1));
    CHECK(report.cross_entropy_nats == doctest::Approx(-log_sum / report.scored).epsilon(1e-12));
    CHECK(report.cross_entropy_bits == doctest::Approx(report.cross_entropy_nats / std::log(2.0)).epsilon(1e-12));
    CHECK(report.perplexity == doctest::Approx(std::exp(report.cross_entropy_nats)).epsilon(1e-12));
  }
}

TEST_CASE("ngram model: bad input gives clear errors") {
  const std::vector<std::int32_t> ids = {1, 2, 3, 1, 2};
  const std::vector<std::int32_t> empty;
  CHECK_THROWS_WITH_AS(NgramModel(empty.data(), 0, 4, 2, Smoothing::laplace()),
                       doctest::Contains("training text is empty"), Error);
  CHECK_THROWS_WITH_AS(NgramModel(ids.data(), ids.size(), 4, 6, Smoothing::laplace()),
                       doctest::Contains("at least 6"), Error);
  CHECK_THROWS_WITH_AS(NgramModel(ids.data(), ids.size(), 4, 9, Smoothing::laplace()), doctest::Contains("[1, 8]"),
                       Error);
  CHECK_THROWS_WITH_AS(NgramModel(ids.data(), ids.size(), 4, 4, Smoothing::d2l(1, 1, 1)),
                       doctest::Contains("n <= 3"), Error);
  CHECK_THROWS_WITH_AS(NgramModel(ids.data(), ids.size(), 3, 2, Smoothing::laplace()),
                       doctest::Contains("outside the vocabulary"), Error);
  const NgramModel model(ids.data(), ids.size(), 4, 3, Smoothing::laplace());
  CHECK_THROWS_WITH_AS(model.perplexity(ids.data(), 2), doctest::Contains("at least 3"), Error);
  CHECK_THROWS_AS(model.next_tokens(ids.data(), 2, 0), Error);
  Rng rng(1);
  CHECK_THROWS_AS(model.sample(ids, 5, -1.0, rng), Error);
  CHECK_THROWS_AS(model.sample({7}, 5, 1.0, rng), Error);
  CHECK_THROWS_WITH_AS(Smoothing::parse("add-k:0"), doctest::Contains("> 0"), Error);
  CHECK_THROWS_WITH_AS(Smoothing::parse("d2l:1,2"), doctest::Contains("three values"), Error);
  CHECK_THROWS_WITH_AS(Smoothing::parse("good-turing"), doctest::Contains("laplace"), Error);
  CHECK_THROWS_WITH_AS(Smoothing::parse("kneser-ney:1"), doctest::Contains("(0, 1)"), Error);
  CHECK(Smoothing::parse("add-k:0.25").k == 0.25);
  CHECK(Smoothing::parse("d2l:0.1,1,10").epsilon[2] == 10.0);
  CHECK(Smoothing::parse("laplace").to_string() == "laplace");
}

TEST_CASE("ngram model: next tokens are sorted; sampling is seeded; temperature 0 is argmax") {
  const auto ids = random_stream(4000, 20, 1, 3);
  const NgramModel model(ids.data(), ids.size(), 20, 3, Smoothing::laplace());
  const std::vector<std::int32_t> prefix = {ids[10], ids[11]};
  const auto top = model.next_tokens(prefix.data(), prefix.size(), 5);
  REQUIRE(top.size() == 5);
  for (std::size_t i = 1; i < top.size(); ++i) CHECK(top[i - 1].p >= top[i].p);
  CHECK(model.next_tokens(prefix.data(), prefix.size(), 1000).size() == 20);

  Rng a(42), b(42), c(43);
  const auto sa = model.sample(prefix, 200, 0.8, a);
  CHECK(sa == model.sample(prefix, 200, 0.8, b));
  CHECK(sa != model.sample(prefix, 200, 0.8, c));
  // Pinned: the same ids natively and in WebAssembly (the sample test of tests/js compares the strings).
  Rng pinned(7);
  const auto s7 = model.sample({}, 12, 1.0, pinned);
  CHECK(s7.size() == 12);

  Rng unused(5);
  const auto greedy = model.sample(prefix, 10, 0.0, unused);
  std::vector<std::int32_t> context = prefix;
  for (auto id : greedy) {
    // A most probable id (which of several equally probable ones: the next test case).
    const auto all = model.next_tokens(context.data(), context.size(), 1000);
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& t) { return t.id == id; });
    REQUIRE(it != all.end());
    CHECK(it->p == all[0].p);
    context.push_back(id);
  }
  CHECK(unused.next_u64() == Rng(5).next_u64());  // temperature 0 draws nothing

  // Low temperature concentrates on the argmax; high temperature flattens.
  Rng r1(9), r2(9);
  const auto cold = model.sample(prefix, 300, 0.05, r1);
  const auto hot = model.sample(prefix, 300, 50.0, r2);
  std::map<std::int32_t, int> cold_types, hot_types;
  for (auto id : cold) ++cold_types[id];
  for (auto id : hot) ++hot_types[id];
  CHECK(cold_types.size() < hot_types.size());
}

TEST_CASE("ngram model: greedy after an unseen context takes the shorter context's choice, not <unk>") {
  // Ids 1..11 only: id 0 plays <unk>, which never occurs. A Laplace trigram gives every id the same
  // probability after a context pair it never saw; greedy decoding must then follow the bigram after the last
  // id (counted here from the stream), not take the lowest id of the tie, 0.
  const int V = 12;
  auto ids = random_stream(3000, V, 1, 11);
  // 3 is always followed by 5, so the bigram after 3 prefers 5 while 1 is the commonest id overall (and 3 3
  // never occurs).
  for (std::size_t i = 0; i + 1 < ids.size(); ++i)
    if (ids[i] == 3) ids[i + 1] = 5;
  const NgramModel model(ids.data(), ids.size(), V, 3, Smoothing::laplace());
  std::map<std::pair<std::int32_t, std::int32_t>, int> bigrams;
  std::map<std::int32_t, int> unigrams;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    ++unigrams[ids[i]];
    if (i + 1 < ids.size()) ++bigrams[{ids[i], ids[i + 1]}];
  }
  const std::vector<std::int32_t> prefix = {3, 3};
  REQUIRE(!bigrams.count({3, 3}));
  std::vector<double> p;
  model.distribution(prefix.data(), prefix.size(), p);
  CHECK(p[0] == p[static_cast<std::size_t>(prefix[1])]);  // uniform: the trigram context is unseen
  // Expected, counted: the most frequent follower of 3, ties to the more frequent id overall, then the lower id.
  std::int32_t expected = -1;
  for (std::int32_t w = 1; w < V; ++w) {
    const auto key = [&](std::int32_t x) {
      const auto it = bigrams.find({prefix[1], x});
      return std::make_pair(it == bigrams.end() ? 0 : it->second, unigrams[x]);
    };
    if (expected < 0 || key(w) > key(expected)) expected = w;
  }
  Rng unused(1);
  const auto greedy = model.sample(prefix, 1, 0.0, unused);
  REQUIRE(greedy.size() == 1);
  CHECK(greedy[0] != 0);
  CHECK(greedy[0] == expected);
  CHECK(expected == 5);

  // No context at all is unseen for the unigram: the most frequent id.
  const NgramModel unigram(ids.data(), ids.size(), V, 1, Smoothing::laplace());
  std::int32_t commonest = 1;
  for (const auto& [id, count] : unigrams)
    if (count > unigrams[commonest]) commonest = id;
  CHECK(unigram.sample({}, 1, 0.0, unused)[0] == commonest);
  CHECK(commonest != expected);  // so the trigram's greedy choice above came from the bigram, not the unigram
}

TEST_CASE("split: the last fraction validates; bad fractions are errors") {
  CHECK(seqlab::split_tokens(1000, 0.1).train_end == 900);
  CHECK(seqlab::split_tokens(1000, 0.0).train_end == 1000);
  CHECK(seqlab::split_tokens(10, 0.25).train_end == 7);  // round(2.5) = 3 validation tokens
  CHECK_THROWS_WITH_AS(seqlab::split_tokens(1000, 1.0), doctest::Contains("[0, 1)"), Error);
  CHECK_THROWS_WITH_AS(seqlab::split_tokens(1000, -0.1), doctest::Contains("[0, 1)"), Error);
  CHECK_THROWS_WITH_AS(seqlab::split_tokens(3, 0.1), doctest::Contains("no validation token"), Error);
  CHECK_THROWS_WITH_AS(seqlab::split_tokens(1, 0.9), doctest::Contains("no training token"), Error);
}
