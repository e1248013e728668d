#pragma once
// Optimizers over the model's one flat parameter buffer (one loop each). g is the gradient of the MEAN
// loss over the minibatch (as in D2L), after clipping; lr the learning rate; t the step count from 1.
//
//   sgd:       p -= lr * g                                         (D2L's sgd)
//   momentum:  v = mu * v + g;  p -= lr * v                        (PyTorch SGD(momentum=mu), dampening 0)
//   adam:      m = b1 m + (1 - b1) g;  s = b2 s + (1 - b2) g^2;
//              p -= lr * (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)   (Kingma & Ba; PyTorch Adam)
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/options.h"

namespace seqlab::train {

enum class OptimizerKind { Sgd, Momentum, Adam };

// The names, once: "sgd", "momentum", "adam".
const std::vector<std::pair<std::string, OptimizerKind>>& optimizer_kind_names();
// One of the names above; throws seqlab::Error listing the allowed values.
OptimizerKind parse_optimizer_kind(const std::string& name);
const char* optimizer_kind_name(OptimizerKind kind);

struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::Sgd;
  double lr = 1.0;
  double momentum = 0.9;
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  void validate() const;  // throws seqlab::Error naming the bad field and its range
};

// What the optimizer carries between steps, for checkpoints that resume. `moments` is momentum's velocity
// or Adam's first moment, `second_moments` Adam's second; each is empty (all zero: plain SGD, or no step
// taken yet) or holds one value per parameter.
struct OptimizerState {
  std::int64_t step = 0;
  std::vector<float> moments, second_moments;
};

class Optimizer {
 public:
  Optimizer(const OptimizerOptions& options, std::size_t parameter_count);

  const OptimizerOptions& options() const { return options_; }
  // Changes the hyperparameters between steps. Switching the kind or clearing resets the moments.
  void set_options(const OptimizerOptions& options);
  void reset();  // zero moments and step count
  std::int64_t steps() const { return step_; }
  // The state to save (all-zero moments are left empty: SGD saves nothing but the step count).
  OptimizerState state() const;
  // Restores a saved state; throws seqlab::Error naming the field when it does not fit this optimizer
  // (sizes, a negative step, non-finite values, negative second moments, moments that the kind never has).
  void set_state(const OptimizerState& state);

  // One update of params (n values) from grads.
  void step(float* params, const float* grads, std::size_t n);

 private:
  OptimizerOptions options_;
  std::int64_t step_ = 0;
  std::vector<float> m_, s_;  // momentum: m_ is the velocity; adam: first and second moments
};

}  // namespace seqlab::train
