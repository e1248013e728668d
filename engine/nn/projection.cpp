#include "engine/nn/projection.h"

#include "engine/nn/cell_common.h"

namespace seqlab::nn {

template <class S>
void onehot_forward(ConstMatMap<S> W_x, const S* b, const std::int32_t* tokens, MatMap<S> W_xT, MatMap<S> xp) {
  // The bias is added to the V rows once, so the gather over N rows is a plain copy.
  W_xT.noalias() = W_x.transpose();
  W_xT.rowwise() += Eigen::Map<const Eigen::Matrix<S, 1, Eigen::Dynamic>>(b, W_xT.cols());
  for (Eigen::Index n = 0; n < xp.rows(); ++n) xp.row(n) = W_xT.row(tokens[n]);
}

template <class S>
void onehot_backward(ConstMatMap<S> dA, const std::int32_t* tokens, MatMap<S> dW_xT, MatMap<S> dW_x, S* db) {
  dW_xT.setZero();
  for (Eigen::Index n = 0; n < dA.rows(); ++n) dW_xT.row(tokens[n]) += dA.row(n);
  dW_x += dW_xT.transpose();
  // Every row of dA went into one row of dW_xT: the bias gradient is the sum of its V rows, not of N.
  add_column_sums(db, as_const(dW_xT));
}

template <class S>
void embedding_forward(ConstMatMap<S> E, const std::int32_t* tokens, MatMap<S> emb) {
  for (Eigen::Index n = 0; n < emb.rows(); ++n) emb.row(n) = E.row(tokens[n]);
}

template <class S>
void embedding_backward(ConstMatMap<S> demb, const std::int32_t* tokens, MatMap<S> dE) {
  for (Eigen::Index n = 0; n < demb.rows(); ++n) dE.row(tokens[n]) += demb.row(n);
}

template <class S>
void linear_forward(ConstMatMap<S> X, ConstMatMap<S> W, const S* b, MatMap<S> Y, GemmScratch<S>& scratch) {
  matmul<S>(Y, X, false, W, true, scratch);
  Y.rowwise() += Eigen::Map<const Eigen::Matrix<S, 1, Eigen::Dynamic>>(b, Y.cols());
}

template <class S>
void linear_backward(ConstMatMap<S> dY, ConstMatMap<S> X, ConstMatMap<S> W, MatMap<S> dW, S* db, S* dX,
                     GemmScratch<S>& scratch) {
  matmul_add<S>(dW, dY, true, X, false, scratch);
  add_column_sums(db, dY);
  if (dX) matmul<S>(view(dX, dY.rows(), W.cols()), dY, false, W, false, scratch);
}

#define SEQLAB_INSTANTIATE(S)                                                                                 \
  template void onehot_forward<S>(ConstMatMap<S>, const S*, const std::int32_t*, MatMap<S>, MatMap<S>);      \
  template void onehot_backward<S>(ConstMatMap<S>, const std::int32_t*, MatMap<S>, MatMap<S>, S*);           \
  template void embedding_forward<S>(ConstMatMap<S>, const std::int32_t*, MatMap<S>);                        \
  template void embedding_backward<S>(ConstMatMap<S>, const std::int32_t*, MatMap<S>);                       \
  template void linear_forward<S>(ConstMatMap<S>, ConstMatMap<S>, const S*, MatMap<S>, GemmScratch<S>&);     \
  template void linear_backward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>, S*, S*,        \
                                   GemmScratch<S>&);
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
