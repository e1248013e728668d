#pragma once
// The one sampler of the engine: softmax with temperature, top-k selection and a draw from the Rng the
// caller passes. The network's generate() and the n-gram model's sample() and next_tokens() all call it, so
// greedy decoding, tie-breaking and the use of the random stream are defined once.
//   softmax:  p_i = exp((s_i - max_j s_j) / τ) / Σ_j exp((s_j - max_j s_j) / τ)
//   top-k:    the k largest scores, descending, ties by the lower id
//   draw:     τ = 0 is the argmax (lowest id on ties) and draws nothing; otherwise exactly one
//             rng.uniform() u per token, and the token is the first candidate, in ascending id order,
//             whose running sum of weights exceeds u · total.
// Scores are logits, or log-probabilities (softmax(log p / τ) ∝ p^(1/τ)); a score of -inf has weight 0.
// T is float (network logits) or double (n-gram log-probabilities). Legend: V vocabulary.
#include <cstdint>
#include <vector>

#include "engine/core/rng.h"

namespace seqlab {

// Ids of the min(k, V) largest scores, by descending score then ascending id. scores: (V).
template <class T>
std::vector<std::int32_t> top_k_ids(const T* scores, int V, int k);

// p = softmax(scores / temperature) (resized to V). Throws seqlab::Error unless V >= 1 and temperature is
// finite and > 0. scores: (V).
template <class T>
void softmax(const T* scores, int V, double temperature, std::vector<double>& p);

// One token drawn from softmax(scores / temperature) restricted to the top_k largest scores (all when
// top_k is 0). Throws seqlab::Error unless V >= 1, temperature is finite and >= 0, top_k in [0, V].
template <class T>
std::int32_t sample_softmax(const T* scores, int V, double temperature, int top_k, Rng& rng);

}  // namespace seqlab
