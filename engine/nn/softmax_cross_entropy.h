#pragma once
// Stable softmax cross-entropy over N rows of logits (docs/math.md §4): l = logsumexp(o) - o[y], with the max
// subtracted before exp. Legend: N rows (B*T), V vocabulary.
#include <cstdint>

#include "engine/nn/matmul.h"

namespace seqlab::nn {

// Returns the SUM of the row losses (in double) and overwrites the logits by
// scale * (softmax(o) - onehot(y)), i.e. dL/do for L = scale * sum of row losses.
template <class S>
double softmax_cross_entropy_backward(MatMap<S> logits,  // (N, V) in: o, out: dL/do
                                      const std::int32_t* targets, S scale);

// The sum of the row losses only; logits untouched.
template <class S>
double softmax_cross_entropy_sum(ConstMatMap<S> logits,  // (N, V)
                                 const std::int32_t* targets);

}  // namespace seqlab::nn
