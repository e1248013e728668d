#pragma once
// Generation (docs/math.md §7): warm the state up on the prefix (outputs unused), then emit tokens one by one:
// argmax for temperature 0, else sampling from p_i ∝ exp(o_i / τ) restricted to the k most probable
// tokens when top_k > 0 (engine/core/sampling: one rng.uniform() per token, candidates walked in id order).
// Every draw comes from the Rng the caller passes (seed it for reproducibility).
// For the page each step also reports the model's own top-5 next-token probabilities (softmax of the
// logits at temperature 1, before top-k), with ties ordered by lower id.
// Legend: V vocabulary.
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/model.h"

namespace seqlab::train {

// How generate picks the tokens it emits (schema::GenerateOptions::decoding() fills it from the generate group).
struct Decoding {
  int length = 100;         // tokens to emit, [0, 100000]
  double temperature = 0;   // 0 = greedy; else in (0, 100]
  int top_k = 0;            // 0 = every token
  int top_n = 5;            // probabilities reported per step
  void validate(int vocab) const;
};

struct GenerateStep {
  std::int32_t token = 0;                               // the emitted token
  std::vector<std::pair<std::int32_t, double>> top;     // the top_n next-token probabilities, descending
};

// `prefix` must hold at least one token (ids in [0, V)). Returns one step per emitted token.
std::vector<GenerateStep> generate(nn::Model<float>& model, const std::vector<std::int32_t>& prefix,
                                   const Decoding& options, Rng& rng);

}  // namespace seqlab::train
