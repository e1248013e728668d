#include "engine/train/generate.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/core/error.h"

namespace seqlab::train {

namespace {

// Ids ordered by descending logit, ties by lower id; only the first `k` are ordered.
std::vector<std::int32_t> top_ids(const float* logits, int V, int k) {
  std::vector<std::int32_t> ids(V);
  std::iota(ids.begin(), ids.end(), 0);
  k = std::min(k, V);
  std::partial_sort(ids.begin(), ids.begin() + k, ids.end(), [&](std::int32_t a, std::int32_t b) {
    return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
  });
  ids.resize(k);
  return ids;
}

}  // namespace

void GenerateOptions::validate(int vocab) const {
  if (length < 0 || length > 100000) throw Error("length must be in [0, 100000], got " + std::to_string(length));
  if (!(std::isfinite(temperature) && temperature >= 0.0 && temperature <= 100.0))
    throw Error("temperature must be in [0, 100] (0 = greedy), got " + std::to_string(temperature));
  if (top_k < 0 || top_k > vocab)
    throw Error("topK must be in [0, " + std::to_string(vocab) + "] (0 = all), got " + std::to_string(top_k));
  if (top_n < 0 || top_n > vocab) throw Error("top_n must be in [0, " + std::to_string(vocab) + "]");
}

std::int32_t sample_token(const float* logits, int V, double temperature, int top_k, Rng& rng) {
  if (temperature == 0.0) return top_ids(logits, V, 1)[0];
  const std::vector<std::int32_t> candidates = top_ids(logits, V, top_k > 0 ? top_k : V);
  const double max = logits[candidates[0]];
  std::vector<double> weights(candidates.size());
  double total = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    weights[i] = std::exp((logits[candidates[i]] - max) / temperature);
    total += weights[i];
  }
  // One uniform per token, walked over the candidates in their (deterministic) order.
  const double u = rng.uniform() * total;
  double cumulative = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    cumulative += weights[i];
    if (u < cumulative) return candidates[i];
  }
  return candidates.back();  // u rounded up to the total
}

std::vector<GenerateStep> generate(nn::Model<float>& model, const std::vector<std::int32_t>& prefix,
                                   const GenerateOptions& options, Rng& rng) {
  const int V = model.config().vocab;
  options.validate(V);
  if (prefix.empty()) throw Error("generate: the prefix must hold at least one token");
  for (std::int32_t id : prefix)
    if (id < 0 || id >= V) throw Error("generate: prefix token id " + std::to_string(id) + " is outside [0, " +
                                       std::to_string(V) + ")");
  nn::State<float> state = model.zero_state(1);
  std::vector<float> logits(V);
  for (std::int32_t id : prefix) model.step_logits(&id, 1, state, logits.data());  // warm-up
  std::vector<GenerateStep> steps;
  steps.reserve(options.length);
  for (int i = 0; i < options.length; ++i) {
    GenerateStep step;
    if (options.top_n > 0) {
      const float max = *std::max_element(logits.begin(), logits.end());
      double total = 0;
      for (float o : logits) total += std::exp(static_cast<double>(o) - max);
      for (std::int32_t id : top_ids(logits.data(), V, options.top_n))
        step.top.emplace_back(id, std::exp(static_cast<double>(logits[id]) - max) / total);
    }
    step.token = sample_token(logits.data(), V, options.temperature, options.top_k, rng);
    steps.push_back(std::move(step));
    if (i + 1 < options.length) model.step_logits(&steps.back().token, 1, state, logits.data());
  }
  return steps;
}

}  // namespace seqlab::train
