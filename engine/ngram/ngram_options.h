#pragma once
// The "ngram" option group: the order n and the smoothing as four keys, smoothing {laplace, add-k, d2l,
// mle, witten-bell, kneser-ney, modified-kneser-ney, stupid-backoff} (engine/ngram/smoothing.h), k (add-k),
// eps (D2L's three epsilons) and discount (kneser-ney). The one-string forms of earlier versions
// ('add-k:0.5', 'd2l:0.1,1,1') still read, and so does 'kneser-ney:0.5'. padLines: each line of the text
// is a sentence, padded <s> ... </s> (word level; engine/ngram/ngram_model.h, docs/guide.md).
#include <vector>

#include "engine/core/options.h"
#include "engine/core/json.h"
#include "engine/ngram/smoothing.h"

namespace seqlab::schema {

struct NgramOptions {
  enum class Smoothing { Laplace, AddK, D2L, MLE, WittenBell, KneserNey, ModifiedKneserNey, StupidBackoff };
  int n = 3;
  Smoothing smoothing = Smoothing::Laplace;
  double k = 0.1;                       // add-k
  std::vector<double> eps = {1, 1, 1};  // d2l: epsilon_1..3
  double discount = 0.75;               // kneser-ney: d
  bool pad_lines = false;               // each line a sentence <s> ... </s> (word level)

  ngram::Smoothing rule() const;  // the engine's smoothing
  // The largest order the smoothing defines (D2L: 3); larger orders are refused or left out.
  int max_order() const { return rule().max_order(); }
};

// Keys: n, smoothing, k, eps, discount, padLines.
const OptionTable<NgramOptions>& ngram_options();

}  // namespace seqlab::schema
