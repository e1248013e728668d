#include "engine/ngram/ngram_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "engine/core/sampling.h"

namespace seqlab::ngram {

namespace {

void check_order(int order, const Smoothing& smoothing) {
  if (order < 1 || order > kMaxOrder)
    throw Error("n-gram order n must be in [1, " + std::to_string(kMaxOrder) + "], got " + std::to_string(order));
  if (order > smoothing.max_order())
    throw Error("D2L smoothing is defined for n <= 3 (epsilon_1..epsilon_3 only), got n = " + std::to_string(order) +
                "; use laplace or add-k:K for longer n-grams");
}

std::shared_ptr<const NgramCounts> make_counts(const std::int32_t* ids, std::size_t n, int vocab_size, int order,
                                               const Smoothing& smoothing, SentenceMarks marks) {
  check_order(order, smoothing);
  return std::make_shared<const NgramCounts>(ids, n, vocab_size, order, marks);
}

}  // namespace

NgramModel::NgramModel(const std::int32_t* ids, std::size_t n, int vocab_size, int order, Smoothing smoothing,
                       SentenceMarks marks)
    : NgramModel(make_counts(ids, n, vocab_size, order, smoothing, marks), order, smoothing) {}

NgramModel::NgramModel(std::shared_ptr<const NgramCounts> counts, int order, Smoothing smoothing)
    : counts_(std::move(counts)), order_(order), smoothing_(smoothing) {
  check_order(order, smoothing);
  if (!counts_) throw Error("n-gram model: no counts given");
  if (order > counts_->max_order())
    throw Error("n-gram order " + std::to_string(order) + " exceeds the counted orders 1.." +
                std::to_string(counts_->max_order()));
  // The count store accepts any length (the corpus statistics count short texts); a model needs a window.
  const std::size_t n = counts_->tokens();
  if (n == 0) throw Error("the training text is empty: an n-gram model needs at least one training token");
  // Padded, a sentence shorter than n is scored after the shorter context it has: no minimum length.
  if (!counts_->marks().on() && n < static_cast<std::size_t>(order))
    throw Error("the training text has " + std::to_string(n) + " tokens; an order-" + std::to_string(order) +
                " model needs at least " + std::to_string(order));
  if (smoothing_.needs_type_counts())
    types_ = std::make_shared<const TypeCounts>(*counts_, order, smoothing_.needs_continuation_counts());
  if (smoothing_.kind == Smoothing::Kind::ModifiedKneserNey)
    classes_ = std::make_shared<const CountClasses>(*counts_, *types_, order);
}

const LevelDiscounts& NgramModel::discounts(int k) const {
  if (!classes_)
    throw Error("discounts per level belong to modified-kneser-ney; this model's smoothing is " +
                smoothing_.to_string());
  return classes_->level(k);
}

void NgramModel::check_ids(const std::int32_t* ids, std::size_t n, const char* what) const {
  const int V = vocab_size();
  for (std::size_t i = 0; i < n; ++i)
    if (ids[i] < 0 || ids[i] >= V)
      throw Error(std::string(what) + ": token id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                  " is outside the vocabulary [0, " + std::to_string(V) + ")");
}

double NgramModel::unigram(std::int32_t w) const {
  const NgramCounts& c = *counts_;
  if (c.is_start(w)) return 0.0;  // <s> is a context only
  const double N = static_cast<double>(c.predicted_tokens());
  const double cw = static_cast<double>(c.count(&w, 1));
  if (smoothing_.kind == Smoothing::Kind::AddK)
    return (cw + smoothing_.k) / (N + smoothing_.k * c.predicted_vocab_size());
  if (smoothing_.kind != Smoothing::Kind::D2L) return cw / N;  // MLE; the bottom of Witten-Bell
  const double e1 = smoothing_.epsilon[0];
  return (cw + e1 / c.predicted_seen_ids()) / (N + e1);
}

std::size_t NgramModel::context_used(const std::int32_t* context, std::size_t len) const {
  std::size_t used = std::min<std::size_t>(len, static_cast<std::size_t>(order_ - 1));
  const SentenceMarks& marks = counts_->marks();
  if (!marks.on()) return used;
  for (std::size_t j = 1; j <= used; ++j) {
    const std::int32_t id = context[len - j];
    if (id == marks.start) return j;     // the sentence's start: read it, nothing before it
    if (id == marks.end) return j - 1;   // a finished sentence: the next one has not started
  }
  return used;
}

double NgramModel::witten_bell(const std::int32_t* window, int k) const {
  if (k == 1) return unigram(window[0]);
  const double lower = witten_bell(window + 1, k - 1);
  const double context = static_cast<double>(counts_->context_count(window, k - 1));
  if (context == 0) return lower;  // nothing seen after h: all the mass goes to the shorter context
  const double types = static_cast<double>(types_->follow(window, k - 1));
  return (static_cast<double>(counts_->count(window, k)) + types * lower) / (context + types);
}

double NgramModel::kneser_ney(const std::int32_t* window, int k) const {
  if (k == 1) return unigram(window[0]);  // an order-1 model: c(w) / N
  const double lower = kneser_ney_lower(window + 1, k - 1);
  const double context = static_cast<double>(counts_->context_count(window, k - 1));
  if (context == 0) return lower;
  const double d = smoothing_.discount;
  const double joint = static_cast<double>(counts_->count(window, k));
  const double types = static_cast<double>(types_->follow(window, k - 1));
  return (std::max(joint - d, 0.0) + d * types * lower) / context;
}

double NgramModel::kneser_ney_lower(const std::int32_t* window, int k) const {
  const TypeCounts& t = *types_;
  const double continuation = static_cast<double>(t.precede(window, k));
  const double total = static_cast<double>(t.middle(window, k - 1));
  if (k == 1) return total > 0 ? continuation / total : 0.0;
  const double lower = kneser_ney_lower(window + 1, k - 1);
  if (total == 0) return lower;  // g never seen with a left neighbour
  const double d = smoothing_.discount;
  const double types = static_cast<double>(t.left_extended_follow(window, k - 1));
  return (std::max(continuation - d, 0.0) + d * types * lower) / total;
}

double NgramModel::modified_kneser_ney(const std::int32_t* window, int k) const {
  // Level k scores window[k-1] after the k-1 ids before it; raw counts only at the model's own order.
  const double lower =
      k == 1 ? 1.0 / static_cast<double>(counts_->predicted_vocab_size()) : modified_kneser_ney(window + 1, k - 1);
  const NgramCounts& c = *counts_;
  const TypeCounts& t = *types_;
  const bool top = k == order_;
  double total;  // S(h)
  if (top) total = static_cast<double>(c.context_count(window, k - 1));
  else total = static_cast<double>(t.middle(window, k - 1));
  if (total == 0) return lower;  // h never seen (with a left neighbour, below the top)
  const std::uint64_t a = top ? c.count(window, k) : t.precede(window, k);
  const double discounted = static_cast<double>(a) - classes_->level(k).of(a);
  return (discounted + classes_->backoff_mass(window, k - 1) * lower) / total;
}

double NgramModel::stupid_backoff(const std::int32_t* window, int k) const {
  const NgramCounts& c = *counts_;
  double factor = 1.0;  // alpha^(levels backed off)
  for (; k > 1; --k, ++window) {
    const std::uint64_t joint = c.count(window, k);
    if (joint > 0) return factor * static_cast<double>(joint) / static_cast<double>(c.context_count(window, k - 1));
    factor *= Smoothing::kStupidBackoffAlpha;
  }
  if (c.is_start(window[0])) return 0.0;
  return factor * static_cast<double>(c.count(window, 1)) / static_cast<double>(c.predicted_tokens());
}

double NgramModel::probability_of_window(const std::int32_t* window, int k) const {
  if (counts_->is_start(window[k - 1])) return 0.0;  // <s> is never predicted
  if (smoothing_.kind == Smoothing::Kind::StupidBackoff) return stupid_backoff(window, k);
  if (smoothing_.kind == Smoothing::Kind::ModifiedKneserNey) return modified_kneser_ney(window, k);
  if (smoothing_.kind == Smoothing::Kind::WittenBell) return witten_bell(window, k);
  if (smoothing_.kind == Smoothing::Kind::KneserNey) return kneser_ney(window, k);
  if (k == 1) return unigram(window[0]);
  const NgramCounts& c = *counts_;
  const double context = static_cast<double>(c.context_count(window, k - 1));
  const double joint = context > 0 ? static_cast<double>(c.count(window, k)) : 0.0;
  if (smoothing_.kind == Smoothing::Kind::AddK)
    return (joint + smoothing_.k) / (context + smoothing_.k * c.predicted_vocab_size());
  if (smoothing_.kind == Smoothing::Kind::MLE) return context > 0 ? joint / context : 0.0;
  const double e = smoothing_.epsilon[k - 1];
  return (joint + e * unigram(window[k - 1])) / (context + e);
}

double NgramModel::level_probability(const std::int32_t* window, int k) const {
  if (!smoothing_.needs_type_counts())
    throw Error("the back-off (ARPA) form is defined for witten-bell, kneser-ney and modified-kneser-ney; this "
                "model's smoothing is " + smoothing_.to_string());
  if (k < 1 || k > order_)
    throw Error("level " + std::to_string(k) + " is outside [1, " + std::to_string(order_) + "]");
  check_ids(window, static_cast<std::size_t>(k), "n-gram");
  if (counts_->is_start(window[k - 1])) return 0.0;  // <s> is never predicted
  if (smoothing_.kind == Smoothing::Kind::WittenBell) return witten_bell(window, k);
  if (smoothing_.kind == Smoothing::Kind::ModifiedKneserNey) return modified_kneser_ney(window, k);
  return k == order_ ? kneser_ney(window, k) : kneser_ney_lower(window, k);
}

double NgramModel::interpolation_weight(const std::int32_t* h, int k) const {
  if (!smoothing_.needs_type_counts())
    throw Error("the back-off (ARPA) form is defined for witten-bell, kneser-ney and modified-kneser-ney; this "
                "model's smoothing is " + smoothing_.to_string());
  if (k < 1 || k > order_ - 1)
    throw Error("context length " + std::to_string(k) + " is outside [1, " + std::to_string(order_ - 1) + "]");
  check_ids(h, static_cast<std::size_t>(k), "context");
  const NgramCounts& c = *counts_;
  const TypeCounts& t = *types_;
  const bool top = k + 1 == order_;
  // The denominators and weights of witten_bell, kneser_ney(_lower) and modified_kneser_ney at level k + 1.
  if (smoothing_.kind == Smoothing::Kind::WittenBell) {
    const double context = static_cast<double>(c.context_count(h, k));
    if (context == 0) return 1.0;
    const double types = static_cast<double>(t.follow(h, k));
    return types / (context + types);
  }
  const double total = static_cast<double>(top ? c.context_count(h, k) : t.middle(h, k));
  if (total == 0) return 1.0;
  if (smoothing_.kind == Smoothing::Kind::ModifiedKneserNey) return classes_->backoff_mass(h, k) / total;
  const double types = static_cast<double>(top ? t.follow(h, k) : t.left_extended_follow(h, k));
  return smoothing_.discount * types / total;
}

double NgramModel::score(const std::int32_t* context, std::size_t len, std::int32_t w) const {
  if (smoothing_.is_distribution())
    throw Error("score() is stupid-backoff's; this model's smoothing " + smoothing_.to_string() +
                " gives probabilities (probability())");
  check_ids(context, len, "context");
  check_ids(&w, 1, "next token");
  const std::size_t used = context_used(context, len);
  std::int32_t window[kMaxOrder];
  std::copy(context + len - used, context + len, window);
  window[used] = w;
  return stupid_backoff(window, static_cast<int>(used) + 1);
}

double NgramModel::probability(const std::int32_t* context, std::size_t len, std::int32_t w) const {
  check_ids(context, len, "context");
  check_ids(&w, 1, "next token");
  if (!smoothing_.is_distribution()) {
    std::vector<double> p;
    distribution(context, len, p);
    return p[static_cast<std::size_t>(w)];
  }
  const std::size_t used = context_used(context, len);
  std::int32_t window[kMaxOrder];
  std::copy(context + len - used, context + len, window);
  window[used] = w;
  return probability_of_window(window, static_cast<int>(used) + 1);
}

void NgramModel::distribution(const std::int32_t* context, std::size_t len, std::vector<double>& p) const {
  check_ids(context, len, "context");
  const NgramCounts& c = *counts_;
  const int V = c.vocab_size();
  const std::size_t used = context_used(context, len);
  const int k = static_cast<int>(used) + 1;
  std::int32_t window[kMaxOrder];
  std::copy(context + len - used, context + len, window);
  p.assign(static_cast<std::size_t>(V), 0.0);
  if (smoothing_.kind == Smoothing::Kind::WittenBell || smoothing_.kind == Smoothing::Kind::KneserNey) {
    interpolated_distribution(window, k, p);
    return;
  }
  if (smoothing_.kind == Smoothing::Kind::MLE || smoothing_.kind == Smoothing::Kind::ModifiedKneserNey ||
      smoothing_.kind == Smoothing::Kind::StupidBackoff) {
    double total = 0.0;
    for (std::int32_t w = 0; w < V; ++w) {
      window[k - 1] = w;
      p[static_cast<std::size_t>(w)] = probability_of_window(window, k);
      total += p[static_cast<std::size_t>(w)];
    }
    // Stupid-backoff's scores, normalised (total > 0: every id seen in training keeps its unigram score).
    if (!smoothing_.is_distribution())
      for (double& x : p) x /= total;
    return;
  }
  // The context count is shared by every w: look it up once.
  const double context_count = k == 1 ? 0.0 : static_cast<double>(c.context_count(window, k - 1));
  for (std::int32_t w = 0; w < V; ++w) {
    window[k - 1] = w;
    double value;
    if (k == 1) {
      value = unigram(w);
    } else {
      const double joint = context_count > 0 ? static_cast<double>(c.count(window, k)) : 0.0;
      if (c.is_start(w)) {
        value = 0.0;  // <s> is never predicted
      } else if (smoothing_.kind == Smoothing::Kind::AddK) {
        value = (joint + smoothing_.k) / (context_count + smoothing_.k * c.predicted_vocab_size());
      } else {
        const double e = smoothing_.epsilon[k - 1];
        value = (joint + e * unigram(w)) / (context_count + e);
      }
    }
    p[static_cast<std::size_t>(w)] = value;
  }
}

void NgramModel::interpolated_distribution(std::int32_t* window, int k, std::vector<double>& p) const {
  // The same arithmetic as witten_bell / kneser_ney, in the same order (so each p[w] equals probability()),
  // with what depends on the context only looked up once per level instead of once per w. Level j scores
  // window[k-j..k), whose context is the j-1 ids window[k-j..k-1).
  const NgramCounts& c = *counts_;
  const TypeCounts& t = *types_;
  const bool kn = smoothing_.kind == Smoothing::Kind::KneserNey;
  const double d = smoothing_.discount;
  const double N = static_cast<double>(c.predicted_tokens());
  double denominator[kMaxOrder + 1] = {};  // c(h) at the top (and for Witten-Bell everywhere), N1+(·h·) below
  double weight[kMaxOrder + 1] = {};       // N1+(h·), or L(h) below the top for Kneser-Ney
  for (int j = 2; j <= k; ++j) {
    const std::int32_t* h = window + (k - j);
    if (kn && j < k) {
      denominator[j] = static_cast<double>(t.middle(h, j - 1));
      if (denominator[j] > 0) weight[j] = static_cast<double>(t.left_extended_follow(h, j - 1));
    } else {
      denominator[j] = static_cast<double>(c.context_count(h, j - 1));
      if (denominator[j] > 0) weight[j] = static_cast<double>(t.follow(h, j - 1));
    }
  }
  const double bigram_types = kn && k > 1 ? static_cast<double>(t.middle(nullptr, 0)) : 0.0;
  for (std::int32_t w = 0; w < c.vocab_size(); ++w) {
    window[k - 1] = w;
    if (c.is_start(w)) continue;  // p[<s>] stays 0: never predicted
    double q;
    if (kn && k > 1)
      q = bigram_types > 0 ? static_cast<double>(t.precede(window + k - 1, 1)) / bigram_types : 0.0;
    else
      q = static_cast<double>(c.count(window + k - 1, 1)) / N;
    for (int j = 2; j <= k; ++j) {
      if (denominator[j] == 0) continue;  // an unseen context passes the lower order on
      const std::int32_t* g = window + (k - j);
      if (!kn) {
        q = (static_cast<double>(c.count(g, j)) + weight[j] * q) / (denominator[j] + weight[j]);
      } else {
        const double n = static_cast<double>(j < k ? t.precede(g, j) : c.count(g, j));
        q = (std::max(n - d, 0.0) + d * weight[j] * q) / denominator[j];
      }
    }
    p[static_cast<std::size_t>(w)] = q;
  }
}

PerplexityReport NgramModel::perplexity(const std::int32_t* ids, std::size_t n) const {
  if (!smoothing_.is_distribution())
    throw Error("stupid-backoff gives scores, not probabilities (the scores after a context do not sum to 1), "
                "so it has no perplexity; use modified-kneser-ney, kneser-ney or witten-bell for a perplexity");
  check_ids(ids, n, "evaluation text");
  if (marks().on()) return padded_perplexity(ids, n);
  const std::size_t context = static_cast<std::size_t>(order_ - 1);
  if (n <= context)
    throw Error("the evaluation text has " + std::to_string(n) + " tokens; an order-" + std::to_string(order_) +
                " model scores positions with " + std::to_string(context) +
                " preceding tokens, so it needs at least " + std::to_string(order_));
  // Every smoothed probability is above 0, but D2L's chain eps_1 * eps_2 * eps_3 * ... can fall below the
  // smallest double (eps = 1e-300, found by the fuzzer) and round to 0: such a probability is scored as the
  // smallest positive double (log = -744.4) instead of log 0 = -inf, so the cross-entropy stays finite.
  // A smoothing that can give 0 (MLE; an id unseen in training under Witten-Bell / Kneser-Ney) means it:
  // such events are counted and make the perplexity infinite.
  constexpr double kSmallestProbability = std::numeric_limits<double>::denorm_min();
  const bool exact_zero = smoothing_.can_be_zero();
  double log_sum = 0.0;
  PerplexityReport report;
  for (std::size_t i = context; i < n; ++i) {
    const double p = probability_of_window(ids + i - context, order_);
    if (exact_zero && !(p > 0.0)) {
      ++report.unseen;
      continue;
    }
    log_sum += std::log(std::max(p, kSmallestProbability));
  }
  report.scored = n - context;
  report.cross_entropy_nats = report.unseen > 0 ? std::numeric_limits<double>::infinity()
                                                : -log_sum / static_cast<double>(report.scored);
  report.cross_entropy_bits = report.cross_entropy_nats / std::log(2.0);
  report.perplexity = std::exp(report.cross_entropy_nats);
  return report;
}

PerplexityReport NgramModel::padded_perplexity(const std::int32_t* ids, std::size_t n) const {
  check_sentences(ids, n, marks(), "the evaluation text");
  if (n == 0) throw Error("the evaluation text has no sentence to score (a padded model scores <s> ... </s>)");
  constexpr double kSmallestProbability = std::numeric_limits<double>::denorm_min();  // as perplexity()
  const bool exact_zero = smoothing_.can_be_zero();
  double log_sum = 0.0;
  PerplexityReport report;
  std::int32_t window[kMaxOrder];
  for (std::size_t i = 0; i < n; ++i) {
    if (counts_->is_start(ids[i])) continue;  // a context, never scored
    const std::size_t used = context_used(ids, i);
    std::copy(ids + i - used, ids + i + 1, window);
    const double p = probability_of_window(window, static_cast<int>(used) + 1);
    ++report.scored;
    if (exact_zero && !(p > 0.0)) {
      ++report.unseen;
      continue;
    }
    log_sum += std::log(std::max(p, kSmallestProbability));
  }
  report.cross_entropy_nats = report.unseen > 0 ? std::numeric_limits<double>::infinity()
                                                : -log_sum / static_cast<double>(report.scored);
  report.cross_entropy_bits = report.cross_entropy_nats / std::log(2.0);
  report.perplexity = std::exp(report.cross_entropy_nats);
  return report;
}

std::vector<TokenProbability> NgramModel::next_tokens(const std::int32_t* context, std::size_t len, int top_k) const {
  if (top_k < 1) throw Error("top_k must be at least 1, got " + std::to_string(top_k));
  std::vector<double> p;
  distribution(context, len, p);
  std::vector<TokenProbability> out;
  for (const std::int32_t id : top_k_ids(p.data(), static_cast<int>(p.size()), top_k))
    out.push_back({id, p[static_cast<std::size_t>(id)]});
  return out;
}

std::int32_t NgramModel::most_probable(const std::vector<std::int32_t>& text, std::vector<double>& p) const {
  std::vector<std::int32_t> tied(p.size());
  for (std::size_t w = 0; w < tied.size(); ++w) tied[w] = static_cast<std::int32_t>(w);
  // Keeps the ids of `tied` with the largest p (exact equality: tied probabilities come from one formula).
  const auto keep_most_probable = [&] {
    double best = -1.0;
    for (const std::int32_t w : tied) best = std::max(best, p[static_cast<std::size_t>(w)]);
    tied.erase(std::remove_if(tied.begin(), tied.end(),
                              [&](std::int32_t w) { return p[static_cast<std::size_t>(w)] != best; }),
               tied.end());
  };
  keep_most_probable();
  for (std::size_t len = context_used(text.data(), text.size()); tied.size() > 1 && len-- > 0;) {
    distribution(text.data() + text.size() - len, len, p);
    keep_most_probable();
  }
  return tied.front();  // ascending: the lowest id of those left
}

std::vector<std::int32_t> NgramModel::sample(const std::vector<std::int32_t>& prefix, int length, double temperature,
                                             Rng& rng) const {
  if (length < 0 || length > 10000000)
    throw Error("sample length must be in [0, 10000000], got " + std::to_string(length));
  if (!std::isfinite(temperature) || temperature < 0.0)
    throw Error("temperature must be a finite number >= 0, got " + shortest_round_trip(temperature));
  check_ids(prefix.data(), prefix.size(), "prefix");
  std::vector<std::int32_t> text = prefix;
  std::vector<std::int32_t> out;
  out.reserve(static_cast<std::size_t>(length));
  std::vector<double> p;
  for (int step = 0; step < length; ++step) {
    distribution(text.data(), text.size(), p);
    if (std::none_of(p.begin(), p.end(), [](double x) { return x > 0.0; }))
      throw Error("sample: no token has probability > 0 after the last " +
                  std::to_string(std::min<std::size_t>(text.size(), static_cast<std::size_t>(order_ - 1))) +
                  " tokens (an MLE model gives 0 to every continuation of a context unseen in training); " +
                  "use a smoothed model (laplace, witten-bell, kneser-ney) or another prefix");
    std::int32_t chosen;
    if (temperature == 0.0) {
      chosen = most_probable(text, p);
    } else {
      // softmax(log p / t) is p^(1/t) normalised: the documented weights (log 0 = -inf gets weight 0).
      for (double& x : p) x = std::log(x);
      chosen = sample_softmax(p.data(), static_cast<int>(p.size()), temperature, 0, rng);
    }
    text.push_back(chosen);
    out.push_back(chosen);
    if (marks().on() && chosen == marks().end) text.push_back(marks().start);  // the next sentence starts
  }
  return out;
}

}  // namespace seqlab::ngram
