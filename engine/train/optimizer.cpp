#include "engine/train/optimizer.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"

namespace seqlab::train {

OptimizerKind parse_optimizer_kind(const std::string& name) {
  if (name == "sgd") return OptimizerKind::Sgd;
  if (name == "momentum") return OptimizerKind::Momentum;
  if (name == "adam") return OptimizerKind::Adam;
  throw Error("optimizer must be one of sgd|momentum|adam, got '" + name + "'");
}

const char* optimizer_kind_name(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Momentum: return "momentum";
    case OptimizerKind::Adam: return "adam";
  }
  return "sgd";
}

void OptimizerOptions::validate() const {
  auto in = [](double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; };
  if (!in(lr, 0.0, 1e4) || lr <= 0.0) throw Error("learning rate must be in (0, 10000], got " + std::to_string(lr));
  if (!in(momentum, 0.0, 1.0) || momentum >= 1.0)
    throw Error("momentum must be in [0, 1), got " + std::to_string(momentum));
  if (!in(beta1, 0.0, 1.0) || beta1 >= 1.0) throw Error("beta1 must be in [0, 1), got " + std::to_string(beta1));
  if (!in(beta2, 0.0, 1.0) || beta2 >= 1.0) throw Error("beta2 must be in [0, 1), got " + std::to_string(beta2));
  if (!in(eps, 0.0, 1.0) || eps <= 0.0) throw Error("eps must be in (0, 1], got " + std::to_string(eps));
}

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
