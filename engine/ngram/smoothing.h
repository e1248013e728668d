#pragma once
// How counts become conditional probabilities (MATH §2). N training tokens, V vocabulary size (with
// <unk>), m distinct ids seen in training, c(h, w) window counts, c(h) context counts.
//
//   add-k (Laplace for k = 1):  P(w | h) = (c(h,w) + k) / (c(h) + k V);  P(w) = (c(w) + k) / (N + k V)
//                               sums to 1 over the whole vocabulary.
//   D2L interpolated Laplace (orders 1..3):
//     P1(x)         = (c(x) + e1/m) / (N + e1)
//     P2(x' | x)    = (c(x,x') + e2 P1(x')) / (c(x) + e2)
//     P3(x''| x,x') = (c(x,x',x'') + e3 P1(x'')) / (c(x,x') + e3)      (the unigram P1, as in the text)
//   sums to 1 over the m ids seen in training; an unseen id still gets e1/m / (N + e1) > 0, so the total
//   over the whole vocabulary is slightly above 1.
#include <string>

namespace seqlab::ngram {

struct Smoothing {
  enum class Kind { AddK, D2L };
  Kind kind = Kind::AddK;
  double k = 1.0;                          // add-k
  double epsilon[3] = {1.0, 1.0, 1.0};     // D2L e1, e2, e3

  static Smoothing laplace() { return Smoothing{}; }
  static Smoothing add_k(double k);                           // k > 0, finite
  static Smoothing d2l(double e1, double e2, double e3);      // each > 0, finite
  // "laplace" | "add-k:K" | "d2l:E1,E2,E3"; throws seqlab::Error naming the text and the allowed forms.
  static Smoothing parse(const std::string& text);
  std::string to_string() const;
  // The largest model order this smoothing defines (3 for D2L, which has e1..e3 only).
  int max_order() const;
};

}  // namespace seqlab::ngram
