#pragma once
// Shared by the nn tests: small models, random token batches and nonzero states.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/model.h"

namespace seqlab::nn::test {

inline ModelOptions small_config(CellType cell, int layers, int embedding, Activation act = Activation::Tanh,
                                GruVariant variant = GruVariant::Notes) {
  ModelOptions c;
  c.cell = cell;
  c.vocab = 7;
  c.hidden = 5;
  c.layers = layers;
  c.embedding = embedding;
  c.activation = act;
  c.gru_variant = variant;
  c.init = Init::Normal;  // overwritten below: larger weights exercise the nonlinearities
  c.seed = 17 + layers * 3 + embedding;
  return c;
}

// U(-0.5, 0.5) weights: big enough that every gate and every path matters in the checks.
template <class S>
void randomize(Model<S>& m, std::uint64_t seed, double scale = 0.5) {
  Rng rng(seed);
  for (std::size_t i = 0; i < m.parameter_count(); ++i) m.parameters()[i] = static_cast<S>(rng.uniform(-scale, scale));
}

inline std::vector<std::int32_t> random_ids(int n, int vocab, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::int32_t> v(n);
  for (auto& x : v) x = static_cast<std::int32_t>(rng.below(vocab));
  return v;
}

template <class S>
State<S> random_state(const Model<S>& m, int B, std::uint64_t seed) {
  Rng rng(seed);
  State<S> s = m.zero_state(B);
  for (auto& h : s.h)
    for (Eigen::Index i = 0; i < h.size(); ++i) h.data()[i] = static_cast<S>(rng.uniform(-0.8, 0.8));
  for (auto& c : s.c)
    for (Eigen::Index i = 0; i < c.size(); ++i) c.data()[i] = static_cast<S>(rng.uniform(-1.5, 1.5));
  return s;
}

inline std::string describe(const ModelOptions& c) {
  return c.to_json().dump();
}

}  // namespace seqlab::nn::test
