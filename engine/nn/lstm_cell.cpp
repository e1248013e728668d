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

template <class S>
LstmCell<S>::LstmCell(const LayerLayout& layer, int hidden, int B, int T)
    : layer_(layer), H_(hidden), B_(B), T_(T), N_(static_cast<Eigen::Index>(B) * T) {
  gates_.resize(N_ * 4 * H_);
  cs_.resize((N_ + B_) * H_);
  tcs_.resize(N_ * H_);
  carry_c_.resize(B_ * H_);
  dc_prev_.resize(B_ * H_);
}

template <class S>
void LstmCell<S>::set_state(const State<S>& state, int layer) {
  view(cs_.data(), B_, H_) = state.c[layer];
}

template <class S>
void LstmCell<S>::get_state(State<S>& state, int layer) const {
  state.c[layer] = cview(cs_.data() + T_ * B_ * H_, B_, H_);
}

template <class S>
void LstmCell<S>::forward_step(Eigen::Index t, ConstMatMap<S> xp_t, ConstMatMap<S> h_prev, MatMap<S> h,
                               GemmScratch<S>& scratch) {
  lstm_step_forward<S>(xp_t, h_prev, cview(cs_.data() + t * B_ * H_, B_, H_), cview(W_h_, 4 * H_, H_),
                       view(gates_.data() + t * B_ * 4 * H_, B_, 4 * H_), view(cs_.data() + (t + 1) * B_ * H_, B_, H_),
                       view(tcs_.data() + t * B_ * H_, B_, H_), h, scratch);
}

template <class S>
void LstmCell<S>::begin_backward() {
  view(carry_c_.data(), B_, H_).setZero();
}

template <class S>
void LstmCell<S>::backward_step(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S>, ConstMatMap<S>, MatMap<S> dA_t,
                                MatMap<S> dh_prev, S xi, GemmScratch<S>& scratch) {
  auto dc_prev = view(dc_prev_.data(), B_, H_);
  lstm_step_backward<S>(dh, cview(carry_c_.data(), B_, H_), cview(gates_.data() + t * B_ * 4 * H_, B_, 4 * H_),
                        cview(cs_.data() + t * B_ * H_, B_, H_), cview(tcs_.data() + t * B_ * H_, B_, H_),
                        cview(W_h_, 4 * H_, H_), dA_t, dh_prev, dc_prev, scratch);
  if (t > 0) view(carry_c_.data(), B_, H_) = xi * dc_prev;
}

template <class S>
void LstmCell<S>::weight_gradients(ConstMatMap<S> dA, ConstMatMap<S> H_prev, S* grads, GemmScratch<S>& scratch) {
  matmul_add<S>(view(grads + layer_.W_h, 4 * H_, H_), dA, true, H_prev, false, scratch);
}

template <class S>
const std::vector<std::string>& LstmCell<S>::gate_names() const {
  static const std::vector<std::string> names{"i", "f", "o"};
  return names;
}

template <class S>
ConstMatMap<S> LstmCell<S>::gate(int index) const {
  return cols(cview(gates_.data(), N_, 4 * H_), index * H_, H_);
}

template <class S>
const std::vector<std::string>& LstmCell<S>::path_terms() const {
  static const std::vector<std::string> names{"cell", "rest"};
  return names;
}

template <class S>
void LstmCell<S>::path_norms(Eigen::Index, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S> dh_prev, double* out,
                             GemmScratch<S>&) {
  out[0] = mean_row_norm<S>(cview(dc_prev_.data(), B_, H_));
  out[1] = mean_row_norm<S>(dh_prev);
}

#define SEQLAB_INSTANTIATE(S)                                                                                     \
  template void lstm_step_forward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>,  \
                                     MatMap<S>, MatMap<S>, MatMap<S>, GemmScratch<S>&);                          \
  template void lstm_step_backward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>,            \
                                      ConstMatMap<S>, ConstMatMap<S>, MatMap<S>, MatMap<S>, MatMap<S>,           \
                                      GemmScratch<S>&);                                                         \
  template class LstmCell<S>;
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
