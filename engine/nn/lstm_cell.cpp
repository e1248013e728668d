#include "engine/nn/lstm_cell.h"

#include "engine/nn/cell_common.h"

namespace seqlab::nn {

template <class S>
void lstm_step_forward(ConstMatMap<S> xp, ConstMatMap<S> h_prev, ConstMatMap<S> c_prev, ConstMatMap<S> W_h,
                       MatMap<S> gates, MatMap<S> c, MatMap<S> tc, MatMap<S> h, GemmScratch<S>& scratch) {
  const Eigen::Index H = h.cols();
  gates = xp;
  matmul_add<S>(gates, h_prev, false, W_h, true, scratch);
  sigmoid_inplace(cols(gates, 0, 3 * H));
  auto g = cols(gates, 3 * H, H);
  g.array() = g.array().tanh();
  const auto i = cols(gates, 0, H).array(), f = cols(gates, H, H).array(), o = cols(gates, 2 * H, H).array();
  c.array() = f * c_prev.array() + i * g.array();
  tc.array() = c.array().tanh();
  h.array() = o * tc.array();
}

template <class S>
void lstm_step_backward(ConstMatMap<S> dh, ConstMatMap<S> dc, ConstMatMap<S> gates, ConstMatMap<S> c_prev,
                        ConstMatMap<S> tc, ConstMatMap<S> W_h, MatMap<S> dA, MatMap<S> dh_prev, MatMap<S> dc_prev,
                        GemmScratch<S>& scratch) {
  const Eigen::Index H = dh.cols();
  const auto i = cols(gates, 0, H).array(), f = cols(gates, H, H).array(), o = cols(gates, 2 * H, H).array(),
             g = cols(gates, 3 * H, H).array();
  // dc_prev first holds dct (the total gradient at c), then becomes dct * f.
  dc_prev.array() = dc.array() + dh.array() * o * (S(1) - tc.array().square());
  const auto dct = dc_prev.array();
  cols(dA, 0, H).array() = dct * g * i * (S(1) - i);
  cols(dA, H, H).array() = dct * c_prev.array() * f * (S(1) - f);
  cols(dA, 2 * H, H).array() = dh.array() * tc.array() * o * (S(1) - o);
  cols(dA, 3 * H, H).array() = dct * i * (S(1) - g.square());
  dc_prev.array() *= f;
  matmul<S>(dh_prev, as_const(dA), false, W_h, false, scratch);
}

#define SEQLAB_INSTANTIATE(S)                                                                                     \
  template void lstm_step_forward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>,  \
                                     MatMap<S>, MatMap<S>, MatMap<S>, GemmScratch<S>&);                          \
  template void lstm_step_backward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>,            \
                                      ConstMatMap<S>, ConstMatMap<S>, MatMap<S>, MatMap<S>, MatMap<S>,           \
                                      GemmScratch<S>&);
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
