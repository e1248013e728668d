// n-gram fitting, scoring, next-token lists, sampling and ARPA export -> import with arbitrary orders,
// smoothings, smoothing parameters (edge values included), sentence padding and id streams. Input: byte 0 the
// vocabulary size V (1..16), byte 1 the order (1..7), byte 2 the smoothing (its value mod 8: laplace, add-k,
// d2l, mle, witten-bell, kneser-ney, modified-kneser-ney, stupid-backoff) and the padding (bit 3: on), bytes
// 3-5 its parameters (from a list of edge values), byte 6 top_k, byte 7 the sampling temperature; the rest is
// split in half: the first half trains, the second scores. Without padding each byte is an id mod V; with
// padding a byte >= 240 ends a line, the others are ids mod V, and each line with an id becomes a sentence
// <s> .. </s> with <s> = V and </s> = V + 1 (a vocabulary of V + 2).
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/ngram/arpa.h"
#include "engine/ngram/ngram_model.h"
#include "tests/fuzz/fuzz_targets.h"

namespace seqlab::fuzz {

namespace {
const std::vector<double> kParameters = {1.0, 0.5, 0.1, 1e-3, 1e-12, 1e-300, 2.0, 100.0, 1e12, 1e300,
                                         0.0, -1.0, std::numeric_limits<double>::quiet_NaN(),
                                         std::numeric_limits<double>::infinity()};
const std::vector<double> kTemperatures = {0.0, 0.5, 1.0, 2.0, 1e-300, 1e-3, 1e300, -1.0,
                                           std::numeric_limits<double>::infinity()};
constexpr unsigned kLineBreak = 240;

// The bytes as lines of ids mod V, each line with an id padded <s> .. </s>.
std::vector<std::int32_t> padded_lines(const std::vector<unsigned char>& bytes, int V, ngram::SentenceMarks marks) {
  std::vector<std::int32_t> out, line;
  const auto flush = [&] {
    if (line.empty()) return;
    out.push_back(marks.start);
    out.insert(out.end(), line.begin(), line.end());
    out.push_back(marks.end);
    line.clear();
  };
  for (const unsigned char b : bytes) {
    if (b >= kLineBreak) flush();
    else line.push_back(static_cast<std::int32_t>(b % V));
  }
  flush();
  return out;
}

// ARPA export -> import (the back-off smoothings): the header's counts are the model's, and the file scores
// `test` as the model does (each log10 is written with 9 digits, so the perplexity within 1e-6 relative).
void check_arpa(const ngram::NgramModel& model, const std::vector<std::int32_t>& test) {
  std::vector<std::string> names;
  for (int i = 0; i < model.vocab_size(); ++i) names.push_back("w" + std::to_string(i));
  const ngram::ArpaModel arpa(ngram::write_arpa(model, names));
  require(arpa.order() == model.order(), "ARPA: the order read back differs");
  require(arpa.count(1) == static_cast<std::uint64_t>(model.vocab_size()), "ARPA: not every id is a unigram");
  for (int k = 2; k <= model.order(); ++k)
    require(arpa.count(k) == model.counts().distinct(k), "ARPA: a header count is not the model's");
  ngram::PerplexityReport ours, theirs;
  try {
    ours = model.perplexity(test.data(), test.size());
  } catch (const Error&) {
    return;  // nothing to score (too short): the file is refused the same text
  }
  theirs = arpa.perplexity(test.data(), test.size(), model.marks());
  require(theirs.scored == ours.scored, "ARPA: scored positions differ from the model's");
  // A log10 at or below -99 reads as probability 0 (SRILM's convention, engine/ngram/arpa.h), so a model whose
  // scored probabilities go below 1e-99 (a discount of 1e-300: a case the fuzzer found) cannot be written
  // exactly; the comparison stops there.
  const int order = model.order();
  for (std::size_t i = 0; i < test.size(); ++i) {
    if (model.marks().on() ? test[i] == model.marks().start : i + 1 < static_cast<std::size_t>(order)) continue;
    // The last n - 1 ids at most: all a padded context reads too (it stops at its <s>).
    const std::size_t from = i + 1 >= static_cast<std::size_t>(order) ? i + 1 - static_cast<std::size_t>(order) : 0;
    const double p = model.probability(test.data() + from, i - from, test[i]);
    if (p > 0.0 && p <= 1e-99) return;
  }
  require(theirs.unseen == ours.unseen, "ARPA: unseen events differ from the model's");
  if (ours.unseen == 0 && std::isfinite(ours.cross_entropy_nats))
    require(std::fabs(theirs.cross_entropy_nats - ours.cross_entropy_nats) <=
                1e-6 * std::max(1.0, std::fabs(ours.cross_entropy_nats)),
            "ARPA: the file read back scores differently from the model");
}

}  // namespace

void fuzz_ngram(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const int words = 1 + in.byte() % 16;
  const int order = 1 + in.byte() % 7;
  const unsigned char kind_byte = in.byte();
  const int kind = kind_byte % 8;
  const bool pad = (kind_byte & 8) != 0;
  const ngram::SentenceMarks marks = pad ? ngram::SentenceMarks{words, words + 1} : ngram::SentenceMarks{};
  const int V = pad ? words + 2 : words;
  const double p1 = in.pick(kParameters), p2 = in.pick(kParameters), p3 = in.pick(kParameters);
  const int top_k = 1 + in.byte() % 20;
  const double temperature = in.pick(kTemperatures);
  std::vector<unsigned char> bytes;
  for (const char c : in.rest()) bytes.push_back(static_cast<unsigned char>(c));
  const std::size_t half = bytes.size() / 2;
  std::vector<std::int32_t> train, test;
  if (pad) {
    train = padded_lines({bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(half)}, words, marks);
    test = padded_lines({bytes.begin() + static_cast<std::ptrdiff_t>(half), bytes.end()}, words, marks);
  } else {
    for (const unsigned char b : bytes) (train.size() < half ? train : test).push_back(static_cast<std::int32_t>(b % V));
  }

  ngram::Smoothing smoothing;
  try {
    smoothing = kind == 0   ? ngram::Smoothing::laplace()
                : kind == 1 ? ngram::Smoothing::add_k(p1)
                : kind == 2 ? ngram::Smoothing::d2l(p1, p2, p3)
                : kind == 3 ? ngram::Smoothing::mle()
                : kind == 4 ? ngram::Smoothing::witten_bell()
                : kind == 5 ? ngram::Smoothing::kneser_ney(p1)
                : kind == 6 ? ngram::Smoothing::modified_kneser_ney()
                            : ngram::Smoothing::stupid_backoff();
  } catch (const Error&) {
    return;
  }
  std::unique_ptr<ngram::NgramModel> model;
  try {
    model = std::make_unique<ngram::NgramModel>(train.data(), train.size(), V, order, smoothing, marks);
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
    if (pad)
      require(report.scored == test.size() - static_cast<std::size_t>(std::count(test.begin(), test.end(), marks.start)),
              "padded: not every id but <s> scored");
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
  if (pad) require(p[static_cast<std::size_t>(marks.start)] == 0.0, "padded: <s> predicted");
  if (kind == 2) require(sum >= 1.0 - 1e-9, "a D2L distribution summing below 1");
  else if (kind == 3) require(std::fabs(sum - 1.0) < 1e-9 || sum == 0.0, "an MLE distribution neither 1 nor 0");
  else require(std::fabs(sum - 1.0) < 1e-9, "a distribution (normalised scores for stupid-backoff) not summing to 1");

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
    if (pad)
      for (const std::int32_t id : sampled) require(id != marks.start, "padded sample: <s> drawn");
  } catch (const Error&) {
  }

  if (smoothing.needs_type_counts()) check_arpa(*model, test);
}

}  // namespace seqlab::fuzz
