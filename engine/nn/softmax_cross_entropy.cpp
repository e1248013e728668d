#include "engine/nn/softmax_cross_entropy.h"

#include <cmath>

namespace seqlab::nn {

template <class S>
double softmax_cross_entropy_backward(MatMap<S> logits, const std::int32_t* targets, S scale) {
  double sum = 0.0;
  for (Eigen::Index n = 0; n < logits.rows(); ++n) {
    auto row = logits.row(n).array();
    const S max = row.maxCoeff();
    row -= max;
    const S target_logit = row(targets[n]);
    row = row.exp();
    const S total = row.sum();
    sum += std::log(static_cast<double>(total)) - static_cast<double>(target_logit);
    row *= scale / total;
    row(targets[n]) -= scale;
  }
  return sum;
}

template <class S>
double softmax_cross_entropy_sum(ConstMatMap<S> logits, const std::int32_t* targets) {
  double sum = 0.0;
  for (Eigen::Index n = 0; n < logits.rows(); ++n) {
    const auto row = logits.row(n).array();
    const S max = row.maxCoeff();
    const S total = (row - max).exp().sum();
    sum += std::log(static_cast<double>(total)) - static_cast<double>(row(targets[n]) - max);
  }
  return sum;
}

template double softmax_cross_entropy_backward<float>(MatMap<float>, const std::int32_t*, float);
template double softmax_cross_entropy_backward<double>(MatMap<double>, const std::int32_t*, double);
template double softmax_cross_entropy_sum<float>(ConstMatMap<float>, const std::int32_t*);
template double softmax_cross_entropy_sum<double>(ConstMatMap<double>, const std::int32_t*);

}  // namespace seqlab::nn
