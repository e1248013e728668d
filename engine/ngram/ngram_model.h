#pragma once
// An n-gram language model (docs/math.md §2): counts of a training id sequence + a smoothing rule.
// Probabilities are computed in double from the counts on demand (nothing is precomputed per n-gram).
//
// Contexts: P(w | h) conditions on the last n-1 ids of the context given. A context shorter than n-1
// ids (the start of a sample, a short typed prefix) uses the (len+1)-gram distribution with the same
// smoothing, since the counts of every order 1..n are kept. Perplexity scores only positions with n-1
// preceding ids, as docs/math.md §2 says.
//
// Padded sequences (SentenceMarks, KenLM's convention): whole sentences <s> w1 .. wm </s>. <s> is a context
// only: P(<s> | anything) = 0 and the bottom of every smoothing spreads its mass over the other ids (N, V and
// m less <s>: NgramCounts::predicted_*). A context never reaches back past the <s> of its sentence (nor
// past a </s>), so w1 is scored after <s> alone, by the bigram distribution, w2 after <s> w1, and so on; the
// perplexity scores every id but <s> (each word and each </s>), whatever n.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/core/rng.h"
#include "engine/ngram/count_classes.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/ngram/smoothing.h"
#include "engine/ngram/type_counts.h"

namespace seqlab::ngram {

struct PerplexityReport {
  double perplexity = 0;          // exp(cross_entropy_nats)
  double cross_entropy_nats = 0;  // -(1/M) sum log P(x_i | x_{i-n+1..i-1})
  double cross_entropy_bits = 0;  // the same in bits (nats / ln 2)
  std::size_t scored = 0;         // M: positions with n-1 preceding tokens
  // Scored positions of probability exactly 0 (only smoothings that can_be_zero: MLE, and an id unseen in
  // training under Witten-Bell / Kneser-Ney); when any, the perplexity and cross-entropies are +infinity.
  std::size_t unseen = 0;
};

struct TokenProbability {
  std::int32_t id = 0;
  double p = 0;
};

class NgramModel {
 public:
  // Counts orders 1..order of ids[0..n) over a vocabulary of vocab_size ids. Throws seqlab::Error on an
  // order outside [1, smoothing.max_order()], an empty or too short sequence, or an id out of range.
  // With marks on, ids must be whole sentences (engine/ngram/ngram_counts.h); at least one.
  NgramModel(const std::int32_t* ids, std::size_t n, int vocab_size, int order, Smoothing smoothing,
             SentenceMarks marks = {});
  // Shares counts already made (e.g. one count of order 6 serves the models n = 1..6).
  NgramModel(std::shared_ptr<const NgramCounts> counts, int order, Smoothing smoothing);

  int order() const { return order_; }
  int vocab_size() const { return counts_->vocab_size(); }
  const Smoothing& smoothing() const { return smoothing_; }
  const NgramCounts& counts() const { return *counts_; }
  const SentenceMarks& marks() const { return counts_->marks(); }
  std::size_t ngram_types() const { return counts_->distinct(order_); }  // distinct n-grams of order n
  // The type counts the smoothing reads (Witten-Bell, Kneser-Ney) and modified Kneser-Ney's backoff masses,
  // counted by the constructor; else 0.
  std::size_t type_count_bytes() const {
    return (types_ ? types_->memory_bytes() : 0) + (classes_ ? classes_->memory_bytes() : 0);
  }
  // Modified Kneser-Ney's discounts of level k in [1, n]; throws seqlab::Error for another smoothing.
  const LevelDiscounts& discounts(int k) const;

  // P(w | last min(len, n-1) ids of context). For stupid-backoff: the score normalised over the vocabulary
  // (distribution()[w]; V look-ups), since its raw score is not a probability.
  double probability(const std::int32_t* context, std::size_t len, std::int32_t w) const;
  // P(. | context) over the whole vocabulary into p (resized to V); stupid-backoff: normalised scores.
  void distribution(const std::int32_t* context, std::size_t len, std::vector<double>& p) const;
  // Stupid-backoff's raw score S(w | last min(len, n-1) ids); throws seqlab::Error for another smoothing.
  double score(const std::int32_t* context, std::size_t len, std::int32_t w) const;

  // The order-k part of the model: P_k(window[k-1] | window[0..k-1)), k in [1, n], as the interpolation
  // reads it (for Kneser-Ney below the top: the continuation distribution Pc). Witten-Bell and both
  // Kneser-Neys only (the smoothings whose unseen events are a weight times the lower order, so an ARPA
  // backoff form is exact); throws seqlab::Error for the others.
  double level_probability(const std::int32_t* window, int k) const;
  // The weight the order-(k+1) part gives the lower order after the k ids h, k in [1, n - 1]: P_k+1(w | h) =
  // (the discounted count term) + weight · P_k(w | h'), the count term being 0 for a w never seen after h; 1
  // for an h never seen (as a context at that level). The ARPA back-off weight of h. Witten-Bell and both
  // Kneser-Neys only, as level_probability.
  double interpolation_weight(const std::int32_t* h, int k) const;

  // Throws when ids has fewer than n tokens (no position to score), an id is out of range, or the smoothing
  // gives scores, not probabilities (stupid-backoff). Padded: ids must be whole sentences (at least one),
  // and every id but <s> is scored, after the context its sentence gives it.
  PerplexityReport perplexity(const std::int32_t* ids, std::size_t n) const;

  // The top_k (>= 1; capped at V) most probable next ids, by descending p then ascending id.
  std::vector<TokenProbability> next_tokens(const std::int32_t* context, std::size_t len, int top_k) const;

  // `length` new ids after `prefix`, each drawn from P(. | last n-1 ids) with temperature: weights
  // p^(1/temperature) (normalised), temperature 0 = the most probable id (most_probable: ties go to the id
  // the shorter contexts prefer). Draws one rng.uniform() per token (none for temperature 0) through
  // engine/core/sampling. length in [0, 1e7], temperature finite >= 0.
  // Padded: a drawn </s> ends the sentence, and the next token is drawn after <s> (not returned).
  std::vector<std::int32_t> sample(const std::vector<std::int32_t>& prefix, int length, double temperature,
                                   Rng& rng) const;

 private:
  // P(window[k-1] | window[0..k-1)) from the counts of orders k-1 and k (and below, for the interpolated
  // rules), k-1 being the order whose raw counts are used.
  double probability_of_window(const std::int32_t* window, int k) const;
  PerplexityReport padded_perplexity(const std::int32_t* ids, std::size_t n) const;
  double unigram(std::int32_t w) const;
  // How many of the last len ids of context the model reads: at most n - 1, and (padded) none before the
  // last <s> or at or before the last </s>.
  std::size_t context_used(const std::int32_t* context, std::size_t len) const;
  double witten_bell(const std::int32_t* window, int k) const;
  double kneser_ney(const std::int32_t* window, int k) const;
  double kneser_ney_lower(const std::int32_t* window, int k) const;  // Pc: continuation counts
  double modified_kneser_ney(const std::int32_t* window, int k) const;
  double stupid_backoff(const std::int32_t* window, int k) const;
  // distribution() for Witten-Bell and Kneser-Ney: window[0..k-1) the context, window[k-1] overwritten.
  void interpolated_distribution(std::int32_t* window, int k, std::vector<double>& p) const;
  void check_ids(const std::int32_t* ids, std::size_t n, const char* what) const;
  // The id with the largest p (the distribution after `text`; overwritten); among equally probable ids, the
  // one the distributions after ever shorter contexts rank first, down to the unigram, then the lowest id.
  // Why: after a context unseen in training, Laplace and add-k give every id the same probability, and the
  // lowest id, <unk>, would be the greedy choice every time.
  std::int32_t most_probable(const std::vector<std::int32_t>& text, std::vector<double>& p) const;

  std::shared_ptr<const NgramCounts> counts_;
  int order_ = 1;
  Smoothing smoothing_;
  std::shared_ptr<const TypeCounts> types_;      // Witten-Bell and Kneser-Ney only
  std::shared_ptr<const CountClasses> classes_;  // modified Kneser-Ney only
};

}  // namespace seqlab::ngram
