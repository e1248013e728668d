// ARPA files (engine/ngram/arpa.h): a file written by hand read and scored by the back-off rule; models
// written and read back score as the model (each position's log10 probability and the perplexity); the
// header's counts; malformed files and smoothings without a back-off form refused.
#include <doctest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/ngram/arpa.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/smoothing.h"

using seqlab::Error;
using seqlab::Rng;
using seqlab::ngram::ArpaModel;
using seqlab::ngram::NgramCounts;
using seqlab::ngram::NgramModel;
using seqlab::ngram::Smoothing;

namespace {

std::vector<std::int32_t> zipf_stream(std::size_t n, int V, int first, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::int32_t> ids(n);
  for (auto& id : ids) id = first + static_cast<std::int32_t>(std::floor(std::pow(rng.uniform(), 3.0) * (V - first)));
  return ids;
}

const char* kHandWritten =
    "a comment before the data\n"
    "\\data\\\n"
    "ngram 1=3\n"
    "ngram 2=2\n"
    "\n"
    "\\1-grams:\n"
    "-1\ta\t-0.5\n"
    "-0.5\tb\n"
    "-0.3 c -0.25\n"
    "\n"
    "\\2-grams:\n"
    "-0.2\ta b\n"
    "-0.1\tc a\n"
    "\\end\\\n";

}  // namespace

TEST_CASE("ngram arpa: a file written by hand, scored by the back-off rule") {
  const ArpaModel arpa(kHandWritten);
  CHECK(arpa.order() == 2);
  CHECK(arpa.count(1) == 3);
  CHECK(arpa.count(2) == 2);
  REQUIRE(arpa.vocabulary() == std::vector<std::string>{"a", "b", "c"});
  const std::int32_t a = arpa.id("a"), b = arpa.id("b"), c = arpa.id("c");
  CHECK(arpa.id("z") == -1);
  CHECK(arpa.log10_probability(&a, 1, b) == doctest::Approx(-0.2));         // listed
  CHECK(arpa.log10_probability(&a, 1, c) == doctest::Approx(-0.5 - 0.3));   // bow(a) · P(c)
  CHECK(arpa.log10_probability(&b, 1, c) == doctest::Approx(-0.3));         // b has no bow: 1
  CHECK(arpa.log10_probability(&c, 1, a) == doctest::Approx(-0.1));
  CHECK(arpa.log10_probability(&c, 1, b) == doctest::Approx(-0.25 - 0.5));
  CHECK(arpa.log10_probability(nullptr, 0, a) == doctest::Approx(-1.0));    // no context: the unigram
  // 'a b c a': P(b|a) P(c|b) P(a|c) = 10^(-0.2 - 0.3 - 0.1): perplexity 10^(0.6 / 3).
  const std::vector<std::int32_t> text = {a, b, c, a};
  const auto report = arpa.perplexity(text.data(), text.size());
  CHECK(report.scored == 3);
  CHECK(report.perplexity == doctest::Approx(std::pow(10.0, 0.2)).epsilon(1e-12));
}

TEST_CASE("ngram arpa: witten-bell, kneser-ney and modified-kneser-ney written and read back score the same") {
  const int V = 30;
  const auto train = zipf_stream(20000, V, 1, 11);
  const auto eval = zipf_stream(3000, V, 1, 12);  // the same source: many n-grams unseen in training
  const auto counts = std::make_shared<const NgramCounts>(train.data(), train.size(), V, 5);
  std::vector<std::string> names;
  for (int i = 0; i < V; ++i) names.push_back("t" + std::to_string(i));
  for (const Smoothing& rule : {Smoothing::witten_bell(), Smoothing::kneser_ney(0.75), Smoothing::modified_kneser_ney()}) {
    for (int n = 1; n <= 5; ++n) {
      const NgramModel model(counts, n, rule);
      const ArpaModel arpa(seqlab::ngram::write_arpa(model, names));
      CAPTURE(rule.to_string());
      CAPTURE(n);
      CHECK(arpa.order() == n);
      CHECK(arpa.count(1) == static_cast<std::uint64_t>(V));
      for (int k = 2; k <= n; ++k) CHECK(arpa.count(k) == counts->distinct(k));
      CHECK(arpa.vocabulary() == names);
      const auto expected = model.perplexity(eval.data(), eval.size());
      const auto read = arpa.perplexity(eval.data(), eval.size());
      CHECK(read.scored == expected.scored);
      CHECK(read.unseen == expected.unseen);
      CHECK(std::fabs(read.perplexity / expected.perplexity - 1.0) < 1e-6);
      // Position by position, including contexts shorter than n - 1 for the orders below (level_probability).
      for (std::size_t i = static_cast<std::size_t>(n - 1); i < eval.size(); i += 37) {
        const std::size_t context = static_cast<std::size_t>(n - 1);
        const double p = model.probability(eval.data() + i - context, context, eval[i]);
        CHECK(arpa.log10_probability(eval.data() + i - context, context, eval[i]) ==
              doctest::Approx(std::log10(p)).epsilon(1e-7));
      }
      // Every distribution of the file sums to 1 (the back-off weights are exact) for a few contexts.
      for (std::size_t i = 0; i + 5 < eval.size(); i += 499) {
        double sum = 0;
        for (std::int32_t w = 0; w < V; ++w)
          sum += std::pow(10.0, arpa.log10_probability(eval.data() + i, static_cast<std::size_t>(n - 1), w));
        CHECK(std::fabs(sum - 1.0) < 1e-6);
      }
    }
  }
}

TEST_CASE("ngram arpa: malformed files and smoothings without a back-off form are refused") {
  const int V = 5;
  const auto train = zipf_stream(500, V, 1, 3);
  const std::vector<std::string> names = {"<unk>", "a", "b", "c", "d"};
  const NgramModel laplace(train.data(), train.size(), V, 3, Smoothing::laplace());
  CHECK_THROWS_WITH_AS(seqlab::ngram::write_arpa(laplace, names), doctest::Contains("back-off (ARPA) form"), Error);
  const NgramModel wb(train.data(), train.size(), V, 3, Smoothing::witten_bell());
  CHECK_THROWS_WITH_AS(seqlab::ngram::write_arpa(wb, {"<unk>", "a", "b c", "d", "e"}),
                       doctest::Contains("white space"), Error);
  const std::string good = kHandWritten;
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  CHECK_THROWS_WITH_AS(ArpaModel(replaced("ngram 2=2", "ngram 2=3")), doctest::Contains("the header says 3"), Error);
  CHECK_THROWS_WITH_AS(ArpaModel(replaced("-0.1\tc a", "-0.1\tc z")), doctest::Contains("'z' is not a unigram"),
                       Error);
  CHECK_THROWS_WITH_AS(ArpaModel(replaced("\\end\\\n", "")), doctest::Contains("cut short"), Error);
  CHECK_THROWS_WITH_AS(ArpaModel(replaced("-0.5\tb", "0.5\tb")), doctest::Contains("line 8"), Error);
  CHECK_THROWS_WITH_AS(ArpaModel("hello"), doctest::Contains("not an ARPA file"), Error);
}
