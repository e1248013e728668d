#include "engine/nn/gru_cell.h"

#include "engine/nn/cell_common.h"

namespace seqlab::nn {

template <class S>
void gru_step_forward(ConstMatMap<S> xp, ConstMatMap<S> h_prev, ConstMatMap<S> W_h, MatMap<S> gates, MatMap<S> rh,
                      MatMap<S> h, GemmScratch<S>& scratch) {
  const Eigen::Index H = h.cols();
  gates = xp;
  auto zr = cols(gates, 0, 2 * H);
  matmul_add<S>(zr, h_prev, false, rows(W_h, 0, 2 * H), true, scratch);
  sigmoid_inplace(zr);
  auto z = cols(gates, 0, H), r = cols(gates, H, H), ht = cols(gates, 2 * H, H);
  rh.array() = r.array() * h_prev.array();
  matmul_add<S>(ht, as_const(rh), false, rows(W_h, 2 * H, H), true, scratch);
  ht.array() = ht.array().tanh();
  h.array() = h_prev.array() + z.array() * (ht.array() - h_prev.array());
}

template <class S>
void gru_step_backward(ConstMatMap<S> dh, ConstMatMap<S> gates, ConstMatMap<S> h_prev, ConstMatMap<S> W_h,
                       MatMap<S> dA, MatMap<S> drh, MatMap<S> dh_prev, GemmScratch<S>& scratch) {
  const Eigen::Index H = dh.cols();
  const auto z = cols(gates, 0, H).array(), r = cols(gates, H, H).array(), ht = cols(gates, 2 * H, H).array();
  auto da_z = cols(dA, 0, H), da_r = cols(dA, H, H), da_h = cols(dA, 2 * H, H);
  da_h.array() = dh.array() * z * (S(1) - ht.square());
  da_z.array() = dh.array() * (ht - h_prev.array()) * z * (S(1) - z);
  matmul<S>(drh, as_const(da_h), false, rows(W_h, 2 * H, H), false, scratch);
  da_r.array() = drh.array() * h_prev.array() * r * (S(1) - r);
  dh_prev.array() = dh.array() * (S(1) - z) + drh.array() * r;
  matmul_add<S>(dh_prev, cols(as_const(dA), 0, 2 * H), false, rows(W_h, 0, 2 * H), false, scratch);
}

template <class S>
void gru_ra_step_forward(ConstMatMap<S> xp, ConstMatMap<S> h_prev, ConstMatMap<S> W_h, ConstMatMap<S> b_hh,
                         MatMap<S> gates, MatMap<S> hn, MatMap<S> h, GemmScratch<S>& scratch) {
  const Eigen::Index H = h.cols();
  matmul<S>(gates, h_prev, false, W_h, true, scratch);
  auto zr = cols(gates, 0, 2 * H);
  zr += cols(xp, 0, 2 * H);
  sigmoid_inplace(zr);
  auto z = cols(gates, 0, H), r = cols(gates, H, H), ht = cols(gates, 2 * H, H);
  hn = ht.rowwise() + b_hh.row(0);
  ht.array() = (cols(xp, 2 * H, H).array() + r.array() * hn.array()).tanh();
  h.array() = h_prev.array() + z.array() * (ht.array() - h_prev.array());
}

template <class S>
void gru_ra_step_backward(ConstMatMap<S> dh, ConstMatMap<S> gates, ConstMatMap<S> hn, ConstMatMap<S> h_prev,
                          ConstMatMap<S> W_h, MatMap<S> dA_x, MatMap<S> dA_h, MatMap<S> dh_prev,
                          GemmScratch<S>& scratch) {
  const Eigen::Index H = dh.cols();
  const auto z = cols(gates, 0, H).array(), r = cols(gates, H, H).array(), ht = cols(gates, 2 * H, H).array();
  auto da_z = cols(dA_x, 0, H), da_r = cols(dA_x, H, H), da_h = cols(dA_x, 2 * H, H);
  da_h.array() = dh.array() * z * (S(1) - ht.square());
  da_z.array() = dh.array() * (ht - h_prev.array()) * z * (S(1) - z);
  da_r.array() = da_h.array() * hn.array() * r * (S(1) - r);
  cols(dA_h, 0, 2 * H) = cols(dA_x, 0, 2 * H);
  cols(dA_h, 2 * H, H).array() = da_h.array() * r;
  dh_prev.array() = dh.array() * (S(1) - z);
  matmul_add<S>(dh_prev, as_const(dA_h), false, W_h, false, scratch);
}

#define SEQLAB_INSTANTIATE(S)                                                                                    \
  template void gru_step_forward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>, MatMap<S>,        \
                                    MatMap<S>, GemmScratch<S>&);                                                \
  template void gru_step_backward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>, \
                                     MatMap<S>, MatMap<S>, GemmScratch<S>&);                                    \
  template void gru_ra_step_forward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>,          \
                                       MatMap<S>, MatMap<S>, MatMap<S>, GemmScratch<S>&);                       \
  template void gru_ra_step_backward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>,         \
                                        ConstMatMap<S>, MatMap<S>, MatMap<S>, MatMap<S>, GemmScratch<S>&);
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
