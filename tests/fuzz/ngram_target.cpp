// n-gram fitting, scoring, next-token lists and sampling with arbitrary orders, smoothing parameters (edge
// values included) and id streams. Input: byte 0 the vocabulary size V (1..16), byte 1 the order (1..7),
// byte 2 the smoothing (laplace, add-k, d2l, mle, witten-bell, kneser-ney), bytes 3-5 its parameters (from a list of edge values), byte 6 top_k, byte 7 the
// sampling temperature; the rest, as ids mod V, is split in half: the first half trains, the second scores.
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/ngram/ngram_model.h"
#include "tests/fuzz/fuzz_targets.h"

namespace seqlab::fuzz {

namespace {
const std::vector<double> kParameters = {1.0, 0.5, 0.1, 1e-3, 1e-12, 1e-300, 2.0, 100.0, 1e12, 1e300,
                                         0.0, -1.0, std::numeric_limits<double>::quiet_NaN(),
                                         std::numeric_limits<double>::infinity()};
const std::vector<double> kTemperatures = {0.0, 0.5, 1.0, 2.0, 1e-300, 1e-3, 1e300, -1.0,
                                           std::numeric_limits<double>::infinity()};
}  // namespace

void fuzz_ngram(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const int V = 1 + in.byte() % 16;
  const int order = 1 + in.byte() % 7;
  const int kind = in.byte() % 6;
  const double p1 = in.pick(kParameters), p2 = in.pick(kParameters), p3 = in.pick(kParameters);
  const int top_k = 1 + in.byte() % 20;
  const double temperature = in.pick(kTemperatures);
  std::vector<std::int32_t> ids;
  for (const char c : in.rest()) ids.push_back(static_cast<std::int32_t>(static_cast<unsigned char>(c) % V));
  const std::size_t half = ids.size() / 2;
  const std::vector<std::int32_t> train(ids.begin(), ids.begin() + half), test(ids.begin() + half, ids.end());

  ngram::Smoothing smoothing;
  try {
    smoothing = kind == 0   ? ngram::Smoothing::laplace()
                : kind == 1 ? ngram::Smoothing::add_k(p1)
                : kind == 2 ? ngram::Smoothing::d2l(p1, p2, p3)
                : kind == 3 ? ngram::Smoothing::mle()
                : kind == 4 ? ngram::Smoothing::witten_bell()
                            : ngram::Smoothing::kneser_ney(p1);
  } catch (const Error&) {
    return;
  }
  std::unique_ptr<ngram::NgramModel> model;
  try {
    model = std::make_unique<ngram::NgramModel>(train.data(), train.size(), V, order, smoothing);
  } catch (const Error&) {
    return;
  }

  // Scoring: a perplexity is at least 1 (no probability above 1) and finite (every probability above 0).
  try {
    const ngram::PerplexityReport report = model->perplexity(test.data(), test.size());
    require(report.unseen <= report.scored, "more unseen events than scored positions");
    if (smoothing.can_be_zero() && report.unseen > 0) {
      // A probability of exactly 0 (MLE, an id unseen in training): infinite, never NaN.
      require(report.perplexity == HUGE_VAL && report.cross_entropy_nats == HUGE_VAL, "unseen events not infinite");
      throw Error("");
    }
    require(smoothing.can_be_zero() || report.unseen == 0, "an unseen event under a smoothing without zeros");
    // Every probability is above 0, so the cross-entropy is finite; its exp, the perplexity, overflows a
    // double when the cross-entropy passes ln(DBL_MAX) ~ 709.8 nats (eps = 1e-300 gives unseen tokens
    // about 690 nats each: a case the fuzzer found), and is then +inf, never NaN.
    require(std::isfinite(report.cross_entropy_nats), "a cross-entropy that is not finite");
    require(std::isfinite(report.perplexity) || (report.perplexity == HUGE_VAL &&
                                                 report.cross_entropy_nats > std::log(DBL_MAX)),
            "a perplexity that is not finite below ln(DBL_MAX) nats");
    require(report.perplexity >= 1.0 - 1e-9, "a perplexity below 1");
    require(report.scored >= 1 && report.scored <= test.size(), "scored positions out of range");
  } catch (const Error&) {
  }

  // The distribution after a context: probabilities in [0, 1]; add-k sums to 1 over the vocabulary, D2L to
  // at least 1 (docs/math.md §2: unseen ids get a little mass on top).
  const std::size_t context = std::min<std::size_t>(test.size(), static_cast<std::size_t>(order - 1));
  std::vector<double> p;
  model->distribution(test.data(), context, p);
  require(static_cast<int>(p.size()) == V, "a distribution not over the vocabulary");
  double sum = 0;
  for (const double x : p) {
    require(x >= 0.0 && x <= 1.0, "a probability outside [0, 1]");
    sum += x;
  }
  if (kind == 2) require(sum >= 1.0 - 1e-9, "a D2L distribution summing below 1");
  else if (kind == 3) require(std::fabs(sum - 1.0) < 1e-9 || sum == 0.0, "an MLE distribution neither 1 nor 0");
  else require(std::fabs(sum - 1.0) < 1e-9, "an add-k / witten-bell / kneser-ney distribution not summing to 1");

  const auto next = model->next_tokens(test.data(), context, top_k);
  require(static_cast<int>(next.size()) == std::min(top_k, V), "next_tokens: not min(top_k, V) entries");
  for (std::size_t i = 1; i < next.size(); ++i)
    require(next[i].p < next[i - 1].p || (next[i].p == next[i - 1].p && next[i].id > next[i - 1].id),
            "next_tokens not by descending p then ascending id");

  Rng rng(size);
  try {
    const auto sampled = model->sample(test, 12, temperature, rng);
    require(sampled.size() == 12, "sample: not the requested length");
    for (const std::int32_t id : sampled) require(id >= 0 && id < V, "sample: an id outside the vocabulary");
  } catch (const Error&) {
  }
}

}  // namespace seqlab::fuzz
