#pragma once
// How counts become conditional probabilities (docs/math.md §2). N training tokens, V vocabulary size (with
// <unk>), m distinct ids seen in training, c(h, w) window counts, c(h) context counts (NgramCounts), h' the
// context h without its first id. The type counts of engine/ngram/type_counts.h:
//   N1+(h·)   distinct ids w with c(h, w) > 0                   (follow)
//   N1+(·g)   distinct ids u with c(u, g) > 0                   (precede; the continuation count of g)
//   N1+(·h·)  distinct pairs (u, w) with c(u, h, w) > 0         (middle; = sum over w of N1+(·h w))
//   L(h)      distinct w with N1+(·h w) > 0                     (N1+(h·) less h w when it occurs only at
//                                                                the very start of the training text)
//
//   add-k (Laplace for k = 1):  P(w | h) = (c(h,w) + k) / (c(h) + k V);  P(w) = (c(w) + k) / (N + k V)
//                               sums to 1 over the whole vocabulary.
//   D2L interpolated Laplace (orders 1..3):
//     P1(x)         = (c(x) + e1/m) / (N + e1)
//     P2(x' | x)    = (c(x,x') + e2 P1(x')) / (c(x) + e2)
//     P3(x''| x,x') = (c(x,x',x'') + e3 P1(x'')) / (c(x,x') + e3)      (the unigram P1, as in the text)
//   sums to 1 over the m ids seen in training; an unseen id still gets e1/m / (N + e1) > 0, so the total
//   over the whole vocabulary is slightly above 1.
//   mle (unsmoothed):  P(w | h) = c(h,w) / c(h), 0 when c(h) = 0;  P(w) = c(w) / N. Sums to 1 over the
//     continuations seen after h; anything unseen has probability 0 (perplexity: infinite).
//   witten-bell (interpolated):
//     P(w | h) = (c(h,w) + N1+(h·) P(w | h')) / (c(h) + N1+(h·)),  = P(w | h') when c(h) = 0;
//     P(w) = c(w) / N at the bottom (no uniform floor: an id never seen in training has probability 0).
//   kneser-ney (interpolated, one discount 0 < d < 1 for every order). At the model's own order n (and for
//   a context shorter than n - 1, at the order it uses) raw counts:
//     P(w | h) = max(c(h,w) - d, 0) / c(h) + d N1+(h·) / c(h) · Pc(w | h'),   = Pc(w | h') when c(h) = 0;
//   at every lower order continuation counts:
//     Pc(w | g) = max(N1+(·g w) - d, 0) / N1+(·g·) + d L(g) / N1+(·g·) · Pc(w | g'),   = Pc(w | g') when
//                 N1+(·g·) = 0;
//     Pc(w) = N1+(·w) / N1+(··)                                  (N1+(··): distinct bigrams);
//   an order-1 model is P(w) = c(w) / N. Both interpolated rules sum to 1 over the whole vocabulary.
//   modified-kneser-ney (Chen & Goodman 1998, interpolated as KenLM estimates it). Levels k = 1..n; the count
//   a(x) of a k-gram is c(x) at the top level k = n and N1+(·x) below; three discounts per level D(a) =
//   D1, D2, D3+ for a = 1, 2, >= 3 (D(0) = 0) from that level's count-of-counts, and the backoff mass
//   B(h) = D1 N1(h·) + D2 N2(h·) + D3+ N3+(h·) (engine/ngram/count_classes.h). With S(h) = sum over w of
//   a(h w) (c(h) on top, N1+(·h·) below):
//     P_k(w | h) = (a(h w) - D(a(h w))) / S(h) + B(h) / S(h) · P_{k-1}(w | h'),   = P_{k-1}(w | h') when
//                  S(h) = 0;   P_0(w) = 1 / V (uniform over the whole vocabulary, <unk> included).
//   So every id has a probability > 0 and each distribution sums to 1 over the vocabulary. A context
//   shorter than n - 1 reads the lower levels (continuation counts), as a backoff model (ARPA) does.
//   stupid-backoff (Brants et al. 2007, alpha = 0.4): a SCORE, not a probability,
//     S(w | h) = c(h,w) / c(h) when c(h,w) > 0, else alpha · S(w | h');   S(w) = c(w) / N.
//   The scores after a context do not sum to 1, so no perplexity is defined for it (NgramModel::perplexity
//   refuses); next-token lists and sampling use the scores normalised over the vocabulary.
#include <string>

namespace seqlab::ngram {

struct Smoothing {
  enum class Kind { AddK, D2L, MLE, WittenBell, KneserNey, ModifiedKneserNey, StupidBackoff };
  Kind kind = Kind::AddK;
  double k = 1.0;                          // add-k
  double epsilon[3] = {1.0, 1.0, 1.0};     // D2L e1, e2, e3
  double discount = 0.75;                  // kneser-ney d

  static Smoothing laplace() { return Smoothing{}; }
  static Smoothing add_k(double k);                           // k > 0, finite
  static Smoothing d2l(double e1, double e2, double e3);      // each > 0, finite
  static Smoothing mle();
  static Smoothing witten_bell();
  static Smoothing kneser_ney(double discount);               // 0 < d < 1
  static Smoothing modified_kneser_ney();                     // discounts estimated from the counts
  static Smoothing stupid_backoff();                          // alpha = kStupidBackoffAlpha
  static constexpr double kStupidBackoffAlpha = 0.4;          // Brants et al.'s backoff factor
  // "laplace" | "add-k:K" | "d2l:E1,E2,E3" | "mle" | "witten-bell" | "kneser-ney" | "kneser-ney:D" |
  // "modified-kneser-ney" | "stupid-backoff";
  // throws seqlab::Error naming the text and the allowed forms.
  static Smoothing parse(const std::string& text);
  std::string to_string() const;
  // The largest model order this smoothing defines (3 for D2L, which has e1..e3 only).
  int max_order() const;
  // Whether the rule reads type counts (engine/ngram/type_counts.h): Witten-Bell and both Kneser-Neys.
  bool needs_type_counts() const { return kind == Kind::WittenBell || needs_continuation_counts(); }
  // Whether it also reads the continuation counts N1+(·g), N1+(·h·): both Kneser-Neys.
  bool needs_continuation_counts() const { return kind == Kind::KneserNey || kind == Kind::ModifiedKneserNey; }
  // Whether a probability can be exactly 0 (MLE, and Witten-Bell / Kneser-Ney for an id unseen in training;
  // not modified Kneser-Ney, whose bottom is uniform): the perplexity then counts such events and is
  // infinite, instead of treating a 0 as underflow.
  // Whether the rule gives probabilities (all but stupid-backoff, which gives scores): a perplexity exists.
  bool is_distribution() const { return kind != Kind::StupidBackoff; }
  bool can_be_zero() const { return kind == Kind::MLE || kind == Kind::WittenBell || kind == Kind::KneserNey; }
};

}  // namespace seqlab::ngram
