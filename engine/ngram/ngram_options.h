#pragma once
// The "ngram" option group: the order n and the smoothing as three keys, smoothing {laplace, add-k, d2l},
// k (add-k) and eps (D2L's three epsilons). The one-string forms of earlier versions ('add-k:0.5',
// 'd2l:0.1,1,1') still read.
#include <vector>

#include "engine/core/options.h"
#include "engine/io/json.h"
#include "engine/ngram/smoothing.h"

namespace seqlab::schema {

struct NgramOptions {
  enum class Smoothing { Laplace, AddK, D2L };
  int n = 3;
  Smoothing smoothing = Smoothing::Laplace;
  double k = 0.1;                       // add-k
  std::vector<double> eps = {1, 1, 1};  // d2l: epsilon_1..3

  ngram::Smoothing rule() const;  // the engine's smoothing
  // The largest order the smoothing defines (D2L: 3); larger orders are refused or left out.
  int max_order() const { return rule().max_order(); }
};

// Keys: n, smoothing, k, eps.
const OptionTable<NgramOptions>& ngram_options();

}  // namespace seqlab::schema
