#include "engine/nn/rnn_cell.h"

#include "engine/nn/cell_common.h"

namespace seqlab::nn {

template <class S>
void rnn_step_forward(Activation phi, ConstMatMap<S> xp, ConstMatMap<S> h_prev, ConstMatMap<S> W_hh, MatMap<S> h,
                      GemmScratch<S>& scratch) {
  h = xp;
  matmul_add<S>(h, h_prev, false, W_hh, true, scratch);
  if (phi == Activation::Tanh) h.array() = h.array().tanh();
  else if (phi == Activation::Relu) h.array() = h.array().max(S(0));
}

template <class S>
void rnn_step_backward(Activation phi, ConstMatMap<S> dh, ConstMatMap<S> h, ConstMatMap<S> W_hh, MatMap<S> da,
                       MatMap<S> dh_prev, GemmScratch<S>& scratch) {
  if (phi == Activation::Tanh) da.array() = dh.array() * (S(1) - h.array().square());
  else if (phi == Activation::Relu) da.array() = (h.array() > S(0)).select(dh.array(), S(0));
  else da = dh;
  matmul<S>(dh_prev, as_const(da), false, W_hh, false, scratch);
}

template <class S>
void RnnCell<S>::forward_step(Eigen::Index, ConstMatMap<S> xp_t, ConstMatMap<S> h_prev, MatMap<S> h,
                              GemmScratch<S>& scratch) {
  rnn_step_forward<S>(phi_, xp_t, h_prev, cview(W_hh_, H_, H_), h, scratch);
}

template <class S>
void RnnCell<S>::backward_step(Eigen::Index, ConstMatMap<S> dh, ConstMatMap<S>, ConstMatMap<S> h, MatMap<S> dA_t,
                               MatMap<S> dh_prev, S, GemmScratch<S>& scratch) {
  rnn_step_backward<S>(phi_, dh, h, cview(W_hh_, H_, H_), dA_t, dh_prev, scratch);
}

template <class S>
void RnnCell<S>::weight_gradients(ConstMatMap<S> dA, ConstMatMap<S> H_prev, S* grads, GemmScratch<S>& scratch) {
  matmul_add<S>(view(grads + layer_.W_h, H_, H_), dA, true, H_prev, false, scratch);
}

#define SEQLAB_INSTANTIATE(S)                                                                                   \
  template void rnn_step_forward<S>(Activation, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>,     \
                                    GemmScratch<S>&);                                                          \
  template void rnn_step_backward<S>(Activation, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>,    \
                                     MatMap<S>, GemmScratch<S>&);                                \
  template class RnnCell<S>;
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
