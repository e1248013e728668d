#include "engine/train/training_memory.h"

#include <algorithm>
#include <string>

#include "engine/core/split.h"
#include "engine/nn/cell_traits.h"
#include "engine/nn/parameters.h"
#include "engine/nn/sequence.h"

namespace seqlab::train {

MemoryPlan training_memory(const nn::ModelOptions& model, const TrainOptions& options, std::size_t tokens) {
  constexpr std::uint64_t kFloat = sizeof(float), kId = sizeof(std::int32_t);
  const std::uint64_t P = nn::make_parameter_layout(model).total;
  const std::uint64_t B = static_cast<std::uint64_t>(options.batch), T = static_cast<std::uint64_t>(options.steps);
  const Split split = split_tokens(tokens, options.val_fraction);
  const std::uint64_t validation = tokens - split.train_end;

  MemoryPlan plan;
  plan.subject = "the model and its training";
  // Each item's largest block: the parameters, gradients and each moment are a buffer of P floats each; the
  // streams the training and the validation ids; the minibatch's inputs and targets BT ids each, the state
  // a (B, H) matrix per layer (and c).
  const std::uint64_t weights = mul_bytes(P, kFloat);
  plan.items.push_back({"parameters and gradients (" + std::to_string(P) + " parameters)", mul_bytes(2 * P, kFloat), weights});
  const std::uint64_t moments = options.optimizer.kind == OptimizerKind::Adam ? 2 : 1;
  plan.items.push_back({"optimizer state", mul_bytes(moments * P, kFloat), weights});
  plan.items.push_back({"last finite weights", mul_bytes(P, kFloat), weights});
  std::uint64_t streams = mul_bytes(tokens, kId);
  std::uint64_t largest_stream = mul_bytes(std::max<std::uint64_t>(split.train_end, validation), kId);
  if (options.iterator == IteratorKind::Random) {
    const std::uint64_t starts = (split.train_end / T + 1) * sizeof(std::size_t);
    streams = add_bytes(streams, starts);
    largest_stream = std::max(largest_stream, starts);
  }
  plan.items.push_back({"token streams", streams, largest_stream});
  const std::uint64_t state = mul_bytes(static_cast<std::uint64_t>(model.layers) * B * model.hidden,
                                        (nn::cell_traits(model.cell).cell_state ? 2 : 1) * kFloat);
  plan.items.push_back({"training workspace (batch " + std::to_string(B) + " x steps " + std::to_string(T) + ")",
                        add_bytes(nn::workspace_bytes(model, options.batch, options.steps, kFloat),
                                  add_bytes(2 * B * T * kId, state)),
                        std::max({nn::workspace_largest_block(model, options.batch, options.steps, kFloat),
                                  B * T * kId, B * static_cast<std::uint64_t>(model.hidden) * kFloat})});
  if (validation > 1) {
    // Trainer::evaluate reads S parallel streams of `length` tokens in chunks of T: shapes (S, T) and, for
    // the last chunk, (S, length % T). Each shape other than the training one is a workspace of its own
    // (the model caches two and builds a third before it frees one, so all three may be alive at once).
    const std::uint64_t S = std::max<std::uint64_t>(1, std::min<std::uint64_t>(B, (validation - 1) / T));
    const std::uint64_t length = (validation - 1) / S, rest = length % T;
    std::uint64_t bytes = 0, largest = 0;
    if (length >= T && S != B) {
      bytes = nn::workspace_bytes(model, static_cast<int>(S), options.steps, kFloat);
      largest = nn::workspace_largest_block(model, static_cast<int>(S), options.steps, kFloat);
    }
    if (rest > 0) {
      bytes = add_bytes(bytes, nn::workspace_bytes(model, static_cast<int>(S), static_cast<int>(rest), kFloat));
      largest = std::max(largest, nn::workspace_largest_block(model, static_cast<int>(S), static_cast<int>(rest), kFloat));
    }
    if (bytes > 0) plan.items.push_back({"evaluation workspace (" + std::to_string(S) + " streams)", bytes, largest});
  }
  return plan;
}

namespace {

// The largest value in [lo, current) for which the plan with `set(value)` fits, or lo - 1 when none does.
template <class Set>
long long largest_fitting(long long lo, long long current, const Set& set) {
  long long good = lo - 1, a = lo, b = current - 1;
  while (a <= b) {  // the plans grow with each of these settings
    const long long mid = a + (b - a) / 2;
    if (set(mid)) {
      good = mid;
      a = mid + 1;
    } else {
      b = mid - 1;
    }
  }
  return good;
}

}  // namespace

MemoryPlan plan_training(const nn::ModelOptions& model, const TrainOptions& options, std::size_t tokens,
                         const std::vector<MemoryItem>& held) {
  MemoryPlan plan = training_memory(model, options, tokens);
  plan.held = held;
  if (plan.fits()) return plan;
  const auto fits_with = [&](nn::ModelOptions m, TrainOptions o) {
    MemoryPlan p = training_memory(m, o, tokens);
    p.held = held;
    return p.fits();
  };
  const auto advise = [&](const char* setting, long long current, long long lo, auto set) {
    const long long fits = largest_fitting(lo, current, set);
    if (fits >= lo) plan.advice.push_back({setting, current, fits});
  };
  advise("batch", options.batch, 1, [&](long long v) { TrainOptions o = options; o.batch = static_cast<int>(v); return fits_with(model, o); });
  advise("steps", options.steps, 1, [&](long long v) { TrainOptions o = options; o.steps = static_cast<int>(v); return fits_with(model, o); });
  advise("hidden", model.hidden, 1, [&](long long v) { nn::ModelOptions m = model; m.hidden = static_cast<int>(v); return fits_with(m, options); });
  advise("layers", model.layers, 1, [&](long long v) { nn::ModelOptions m = model; m.layers = static_cast<int>(v); return fits_with(m, options); });
  if (model.embedding > 0)
    advise("embedding", model.embedding, 1, [&](long long v) { nn::ModelOptions m = model; m.embedding = static_cast<int>(v); return fits_with(m, options); });
  return plan;
}

}  // namespace seqlab::train
