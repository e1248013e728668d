#pragma once
// What the cells and layers share: column and row blocks of row-major views, column sums, the sigmoid.
#include "engine/nn/matmul.h"

namespace seqlab::nn {

// Columns [c0, c0 + n) of a row-major view, as a view (same rows, same leading dimension).
template <class S>
MatMap<S> cols(MatMap<S> m, Eigen::Index c0, Eigen::Index n) {
  return MatMap<S>(m.data() + c0, m.rows(), n, Eigen::OuterStride<>(m.outerStride()));
}
template <class S>
ConstMatMap<S> cols(ConstMatMap<S> m, Eigen::Index c0, Eigen::Index n) {
  return ConstMatMap<S>(m.data() + c0, m.rows(), n, Eigen::OuterStride<>(m.outerStride()));
}
// Rows [r0, r0 + n) of a row-major matrix (rows, cols) with unit outer stride, e.g. one gate's W_h*.
template <class S>
ConstMatMap<S> rows(ConstMatMap<S> m, Eigen::Index r0, Eigen::Index n) {
  return ConstMatMap<S>(m.data() + r0 * m.outerStride(), n, m.cols(), Eigen::OuterStride<>(m.outerStride()));
}
template <class S>
ConstMatMap<S> as_const(MatMap<S> m) {
  return ConstMatMap<S>(m.data(), m.rows(), m.cols(), Eigen::OuterStride<>(m.outerStride()));
}

// Columns [c0, c0 + n) of row b as an Eigen array. The cells' elementwise work goes row by row through these:
// every quantity of one batch row is computed while that row's operands sit in L1, so a step passes over its
// (B, H) blocks once or twice instead of once per expression, and each row is a contiguous run that Eigen
// vectorises (AVX natively, SIMD128 under WebAssembly) with the same sigmoid and tanh as whole-matrix
// expressions.
template <class S>
Eigen::Map<Eigen::Array<S, 1, Eigen::Dynamic>> row_part(MatMap<S> m, Eigen::Index b, Eigen::Index c0,
                                                         Eigen::Index n) {
  return Eigen::Map<Eigen::Array<S, 1, Eigen::Dynamic>>(m.data() + b * m.outerStride() + c0, n);
}
template <class S>
Eigen::Map<const Eigen::Array<S, 1, Eigen::Dynamic>> row_part(ConstMatMap<S> m, Eigen::Index b, Eigen::Index c0,
                                                               Eigen::Index n) {
  return Eigen::Map<const Eigen::Array<S, 1, Eigen::Dynamic>>(m.data() + b * m.outerStride() + c0, n);
}

// out (1, K) += column sums of m (N, K), row after row (the order every build has used: bit-identical sums).
template <class S>
void add_column_sums(S* out, ConstMatMap<S> m) {
  Eigen::Map<Eigen::Matrix<S, 1, Eigen::Dynamic>> o(out, m.cols());
  for (Eigen::Index n = 0; n < m.rows(); ++n) o += m.row(n);
}

// In place: x <- 1 / (1 + exp(-x)). Eigen's logistic: for float a vectorised rational approximation (a couple
// of ulps, no exp: under WebAssembly the exp-based form was the largest cost outside the matrix products), for
// double 1 / (1 + exp(-x)).
template <class S>
void sigmoid_inplace(MatMap<S> x) {
  x.array() = x.array().logistic();
}

}  // namespace seqlab::nn
