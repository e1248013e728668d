#include "engine/train/optimizer.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"

namespace seqlab::train {

Optimizer::Optimizer(const OptimizerOptions& options, std::size_t parameter_count)
    : options_(options), m_(parameter_count, 0.0f), s_() {
  options_.validate();
}

void Optimizer::set_options(const OptimizerOptions& options) {
  options.validate();
  const bool kind_changed = options.kind != options_.kind;
  options_ = options;
  if (kind_changed) reset();
}

void Optimizer::reset() {
  step_ = 0;
  std::fill(m_.begin(), m_.end(), 0.0f);
  s_.clear();
}

OptimizerState Optimizer::state() const {
  OptimizerState out;
  out.step = step_;
  // SGD never writes m_ and every change of kind resets it: it is all zero then, and not worth saving.
  if (options_.kind != OptimizerKind::Sgd) out.moments = m_;
  out.second_moments = s_;
  return out;
}

void Optimizer::set_state(const OptimizerState& state) {
  const std::size_t n = m_.size();
  if (state.step < 0) throw Error("optimizer state: step must be at least 0, got " + std::to_string(state.step));
  const auto check = [n](const std::vector<float>& v, const char* what) {
    if (!v.empty() && v.size() != n)
      throw Error(std::string("optimizer state: ") + what + " must hold 0 or " + std::to_string(n) +
                  " values (one per parameter), got " + std::to_string(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i)
      if (!std::isfinite(v[i]))
        throw Error(std::string("optimizer state: ") + what + " value " + std::to_string(i) + " is not finite");
  };
  check(state.moments, "moments");
  check(state.second_moments, "secondMoments");
  if (options_.kind == OptimizerKind::Sgd && !state.moments.empty())
    throw Error("optimizer state: sgd keeps no moments, but the state holds " +
                std::to_string(state.moments.size()));
  if (options_.kind != OptimizerKind::Adam && !state.second_moments.empty())
    throw Error(std::string("optimizer state: only adam keeps second moments, the optimizer is ") +
                optimizer_kind_name(options_.kind));
  for (std::size_t i = 0; i < state.second_moments.size(); ++i)
    if (state.second_moments[i] < 0)
      throw Error("optimizer state: second moment " + std::to_string(i) + " is negative");
  step_ = state.step;
  if (state.moments.empty()) std::fill(m_.begin(), m_.end(), 0.0f);
  else m_ = state.moments;
  s_ = state.second_moments;
}

void Optimizer::step(float* params, const float* grads, std::size_t n) {
  if (n != m_.size()) throw Error("optimizer built for " + std::to_string(m_.size()) +
                                  " parameters was given " + std::to_string(n));
  ++step_;
  const float lr = static_cast<float>(options_.lr);
  switch (options_.kind) {
    case OptimizerKind::Sgd:
      for (std::size_t i = 0; i < n; ++i) params[i] -= lr * grads[i];
      break;
    case OptimizerKind::Momentum: {
      const float mu = static_cast<float>(options_.momentum);
      for (std::size_t i = 0; i < n; ++i) {
        m_[i] = mu * m_[i] + grads[i];
        params[i] -= lr * m_[i];
      }
      break;
    }
    case OptimizerKind::Adam: {
      if (s_.size() != n) s_.assign(n, 0.0f);
      const float b1 = static_cast<float>(options_.beta1), b2 = static_cast<float>(options_.beta2);
      const float eps = static_cast<float>(options_.eps);
      // Bias corrections in double: b^t underflows gracefully and the float loop stays one multiply.
      const float c1 = static_cast<float>(1.0 / (1.0 - std::pow(options_.beta1, static_cast<double>(step_))));
      const float c2 = static_cast<float>(1.0 / (1.0 - std::pow(options_.beta2, static_cast<double>(step_))));
      for (std::size_t i = 0; i < n; ++i) {
        const float g = grads[i];
        m_[i] = b1 * m_[i] + (1.0f - b1) * g;
        s_[i] = b2 * s_[i] + (1.0f - b2) * g * g;
        params[i] -= lr * (m_[i] * c1) / (std::sqrt(s_[i] * c2) + eps);
      }
      break;
    }
  }
}

}  // namespace seqlab::train
