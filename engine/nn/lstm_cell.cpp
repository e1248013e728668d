#include "engine/nn/lstm_cell.h"

#include "engine/nn/cell_common.h"

namespace seqlab::nn {

// The elementwise work of each direction is one row loop (row_part, cell_common.h): after the product forward,
// before it backward.
template <class S>
void lstm_step_forward(ConstMatMap<S> xp, ConstMatMap<S> h_prev, ConstMatMap<S> c_prev, ConstMatMap<S> W_h,
                       MatMap<S> gates, MatMap<S> c, MatMap<S> tc, MatMap<S> h, GemmScratch<S>& scratch) {
  const Eigen::Index B = h.rows(), H = h.cols();
  gates = xp;
  matmul_add<S>(gates, h_prev, false, W_h, true, scratch);
  for (Eigen::Index b = 0; b < B; ++b) {
    auto ifo = row_part(gates, b, 0, 3 * H), g = row_part(gates, b, 3 * H, H);
    ifo = ifo.logistic();
    g = g.tanh();
    auto cb = row_part(c, b, 0, H), tcb = row_part(tc, b, 0, H);
    cb = row_part(gates, b, H, H) * row_part(c_prev, b, 0, H) + row_part(gates, b, 0, H) * g;
    tcb = cb.tanh();
    row_part(h, b, 0, H) = row_part(gates, b, 2 * H, H) * tcb;
  }
}

template <class S>
void lstm_step_backward(ConstMatMap<S> dh, ConstMatMap<S> dc, ConstMatMap<S> gates, ConstMatMap<S> c_prev,
                        ConstMatMap<S> tc, ConstMatMap<S> W_h, MatMap<S> dA, MatMap<S> dh_prev, MatMap<S> dc_prev,
                        GemmScratch<S>& scratch) {
  const Eigen::Index B = dh.rows(), H = dh.cols();
  for (Eigen::Index b = 0; b < B; ++b) {
    const auto i = row_part(gates, b, 0, H), f = row_part(gates, b, H, H), o = row_part(gates, b, 2 * H, H),
               g = row_part(gates, b, 3 * H, H);
    const auto d = row_part(dh, b, 0, H), t = row_part(tc, b, 0, H);
    // dc_prev first holds dct (the total gradient at c), then becomes dct * f.
    auto dct = row_part(dc_prev, b, 0, H);
    dct = row_part(dc, b, 0, H) + d * o * (S(1) - t.square());
    row_part(dA, b, 0, H) = dct * g * i * (S(1) - i);
    row_part(dA, b, H, H) = dct * row_part(c_prev, b, 0, H) * f * (S(1) - f);
    row_part(dA, b, 2 * H, H) = d * t * o * (S(1) - o);
    row_part(dA, b, 3 * H, H) = dct * i * (S(1) - g.square());
    dct *= f;
  }
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
