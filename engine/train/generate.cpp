#include "engine/train/generate.h"

#include <cmath>
#include <string>

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "engine/core/sampling.h"

namespace seqlab::train {

void Decoding::validate(int vocab) const {
  if (length < 0 || length > 100000) throw Error("length must be in [0, 100000], got " + std::to_string(length));
  if (!(std::isfinite(temperature) && temperature >= 0.0 && temperature <= 100.0))
    throw Error("temperature must be in [0, 100] (0 = greedy), got " + shortest_round_trip(temperature));
  if (top_k < 0 || top_k > vocab)
    throw Error("topK must be in [0, " + std::to_string(vocab) + "] (0 = all), got " + std::to_string(top_k));
  if (top_n < 0 || top_n > vocab) throw Error("top_n must be in [0, " + std::to_string(vocab) + "]");
}

std::vector<GenerateStep> generate(nn::Model<float>& model, const std::vector<std::int32_t>& prefix,
                                   const Decoding& options, Rng& rng) {
  const int V = model.config().vocab;
  options.validate(V);
  if (prefix.empty()) throw Error("generate: the prefix must hold at least one token");
  for (std::int32_t id : prefix)
    if (id < 0 || id >= V) throw Error("generate: prefix token id " + std::to_string(id) + " is outside [0, " +
                                       std::to_string(V) + ")");
  nn::State<float> state = model.zero_state(1);
  std::vector<float> logits(V);
  std::vector<double> p;  // the reported softmax at temperature 1
  for (std::int32_t id : prefix) model.step_logits(&id, 1, state, logits.data());  // warm-up
  std::vector<GenerateStep> steps;
  steps.reserve(options.length);
  for (int i = 0; i < options.length; ++i) {
    GenerateStep step;
    if (options.top_n > 0) {
      softmax(logits.data(), V, 1.0, p);
      for (std::int32_t id : top_k_ids(logits.data(), V, options.top_n)) step.top.emplace_back(id, p[id]);
    }
    step.token = sample_softmax(logits.data(), V, options.temperature, options.top_k, rng);
    steps.push_back(std::move(step));
    if (i + 1 < options.length) model.step_logits(&steps.back().token, 1, state, logits.data());
  }
  return steps;
}

}  // namespace seqlab::train
