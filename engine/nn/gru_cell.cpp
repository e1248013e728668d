#include "engine/nn/gru_cell.h"

#include "engine/nn/cell_common.h"

namespace seqlab::nn {

// The elementwise work runs in two row loops per direction, one on each side of the dependent product
// (ht needs r before W_hh; da_r needs drh after it): see row_part in cell_common.h.
template <class S>
void gru_step_forward(ConstMatMap<S> xp, ConstMatMap<S> h_prev, ConstMatMap<S> W_h, MatMap<S> gates, MatMap<S> rh,
                      MatMap<S> h, GemmScratch<S>& scratch) {
  const Eigen::Index B = h.rows(), H = h.cols();
  gates = xp;
  matmul_add<S>(cols(gates, 0, 2 * H), h_prev, false, rows(W_h, 0, 2 * H), true, scratch);
  for (Eigen::Index b = 0; b < B; ++b) {
    auto zr = row_part(gates, b, 0, 2 * H);
    zr = zr.logistic();
    row_part(rh, b, 0, H) = row_part(gates, b, H, H) * row_part(h_prev, b, 0, H);
  }
  matmul_add<S>(cols(gates, 2 * H, H), as_const(rh), false, rows(W_h, 2 * H, H), true, scratch);
  for (Eigen::Index b = 0; b < B; ++b) {
    auto ht = row_part(gates, b, 2 * H, H);
    ht = ht.tanh();
    const auto hp = row_part(h_prev, b, 0, H);
    row_part(h, b, 0, H) = hp + row_part(gates, b, 0, H) * (ht - hp);
  }
}

template <class S>
void gru_step_backward(ConstMatMap<S> dh, ConstMatMap<S> gates, ConstMatMap<S> h_prev, ConstMatMap<S> W_h,
                       MatMap<S> dA, MatMap<S> drh, MatMap<S> dh_prev, GemmScratch<S>& scratch) {
  const Eigen::Index B = dh.rows(), H = dh.cols();
  for (Eigen::Index b = 0; b < B; ++b) {
    const auto d = row_part(dh, b, 0, H), hp = row_part(h_prev, b, 0, H);
    const auto z = row_part(gates, b, 0, H), ht = row_part(gates, b, 2 * H, H);
    row_part(dA, b, 2 * H, H) = d * z * (S(1) - ht.square());         // da_h
    row_part(dA, b, 0, H) = d * (ht - hp) * z * (S(1) - z);            // da_z
  }
  matmul<S>(drh, cols(as_const(dA), 2 * H, H), false, rows(W_h, 2 * H, H), false, scratch);
  for (Eigen::Index b = 0; b < B; ++b) {
    const auto d = row_part(dh, b, 0, H), hp = row_part(h_prev, b, 0, H), g = row_part(as_const(drh), b, 0, H);
    const auto z = row_part(gates, b, 0, H), r = row_part(gates, b, H, H);
    row_part(dA, b, H, H) = g * hp * r * (S(1) - r);                   // da_r
    row_part(dh_prev, b, 0, H) = d * (S(1) - z) + g * r;
  }
  matmul_add<S>(dh_prev, cols(as_const(dA), 0, 2 * H), false, rows(W_h, 0, 2 * H), false, scratch);
}

template <class S>
void gru_ra_step_forward(ConstMatMap<S> xp, ConstMatMap<S> h_prev, ConstMatMap<S> W_h, ConstMatMap<S> b_hh,
                         MatMap<S> gates, MatMap<S> hn, MatMap<S> h, GemmScratch<S>& scratch) {
  const Eigen::Index B = h.rows(), H = h.cols();
  matmul<S>(gates, h_prev, false, W_h, true, scratch);
  const auto bias = row_part(b_hh, 0, 0, H);
  for (Eigen::Index b = 0; b < B; ++b) {
    auto zr = row_part(gates, b, 0, 2 * H);
    zr = (zr + row_part(xp, b, 0, 2 * H)).logistic();
    auto n = row_part(hn, b, 0, H), ht = row_part(gates, b, 2 * H, H);
    n = ht + bias;
    ht = (row_part(xp, b, 2 * H, H) + row_part(gates, b, H, H) * n).tanh();
    const auto hp = row_part(h_prev, b, 0, H);
    row_part(h, b, 0, H) = hp + row_part(gates, b, 0, H) * (ht - hp);
  }
}

template <class S>
void gru_ra_step_backward(ConstMatMap<S> dh, ConstMatMap<S> gates, ConstMatMap<S> hn, ConstMatMap<S> h_prev,
                          ConstMatMap<S> W_h, MatMap<S> dA_x, MatMap<S> dA_h, MatMap<S> dh_prev,
                          GemmScratch<S>& scratch) {
  const Eigen::Index B = dh.rows(), H = dh.cols();
  for (Eigen::Index b = 0; b < B; ++b) {
    const auto d = row_part(dh, b, 0, H), hp = row_part(h_prev, b, 0, H);
    const auto z = row_part(gates, b, 0, H), r = row_part(gates, b, H, H), ht = row_part(gates, b, 2 * H, H);
    auto da_h = row_part(dA_x, b, 2 * H, H);
    da_h = d * z * (S(1) - ht.square());
    row_part(dA_x, b, 0, H) = d * (ht - hp) * z * (S(1) - z);                       // da_z
    row_part(dA_x, b, H, H) = da_h * row_part(hn, b, 0, H) * r * (S(1) - r);      // da_r
    row_part(dA_h, b, 0, 2 * H) = row_part(as_const(dA_x), b, 0, 2 * H);
    row_part(dA_h, b, 2 * H, H) = da_h * r;
    row_part(dh_prev, b, 0, H) = d * (S(1) - z);
  }
  matmul_add<S>(dh_prev, as_const(dA_h), false, W_h, false, scratch);
}

template <class S>
void gru_step_paths(ConstMatMap<S> dh, ConstMatMap<S> gates, ConstMatMap<S> h_prev, ConstMatMap<S> W_h,
                    MatMap<S> direct, MatMap<S> update, MatMap<S> candidate, MatMap<S> reset, MatMap<S> tmp,
                    GemmScratch<S>& scratch) {
  const Eigen::Index H = dh.cols();
  const auto z = cols(gates, 0, H).array(), r = cols(gates, H, H).array(), ht = cols(gates, 2 * H, H).array();
  tmp.array() = dh.array() * (ht - h_prev.array()) * z * (S(1) - z);  // da_z
  matmul<S>(update, as_const(tmp), false, rows(W_h, 0, H), false, scratch);
  tmp.array() = dh.array() * z * (S(1) - ht.square());  // da_h
  matmul<S>(candidate, as_const(tmp), false, rows(W_h, 2 * H, H), false, scratch);  // drh
  tmp.array() = candidate.array() * h_prev.array() * r * (S(1) - r);  // da_r
  matmul<S>(reset, as_const(tmp), false, rows(W_h, H, H), false, scratch);
  candidate.array() *= r;
  direct.array() = dh.array() * (S(1) - z);
}

template <class S>
void gru_ra_step_paths(ConstMatMap<S> dh, ConstMatMap<S> gates, ConstMatMap<S> hn, ConstMatMap<S> h_prev,
                       ConstMatMap<S> W_h, MatMap<S> direct, MatMap<S> update, MatMap<S> candidate,
                       MatMap<S> reset, MatMap<S> tmp, GemmScratch<S>& scratch) {
  const Eigen::Index H = dh.cols();
  const auto z = cols(gates, 0, H).array(), r = cols(gates, H, H).array(), ht = cols(gates, 2 * H, H).array();
  tmp.array() = dh.array() * (ht - h_prev.array()) * z * (S(1) - z);  // da_z
  matmul<S>(update, as_const(tmp), false, rows(W_h, 0, H), false, scratch);
  tmp.array() = dh.array() * z * (S(1) - ht.square());  // da_h
  direct.array() = tmp.array() * hn.array() * r * (S(1) - r);  // da_r (direct is free until the end)
  matmul<S>(reset, as_const(direct), false, rows(W_h, H, H), false, scratch);
  tmp.array() *= r;
  matmul<S>(candidate, as_const(tmp), false, rows(W_h, 2 * H, H), false, scratch);
  direct.array() = dh.array() * (S(1) - z);
}

template <class S>
GruCell<S>::GruCell(bool reset_after, const LayerLayout& layer, int hidden, int B, int T)
    : reset_after_(reset_after), layer_(layer), H_(hidden), B_(B), N_(static_cast<Eigen::Index>(B) * T) {
  gates_.resize(N_ * 3 * H_);
  aux_.resize(N_ * H_);
  if (reset_after_) dA_h_.resize(N_ * 3 * H_);
  else drh_.resize(B_ * H_);
  paths_.resize(5 * B_ * H_);
}

template <class S>
void GruCell<S>::bind(const S* params) {
  W_h_ = params + layer_.W_h;
  b_hh_ = reset_after_ ? params + layer_.b_hh : nullptr;
}

template <class S>
void GruCell<S>::forward_step(Eigen::Index t, ConstMatMap<S> xp_t, ConstMatMap<S> h_prev, MatMap<S> h,
                              GemmScratch<S>& scratch) {
  auto gates = view(gates_.data() + t * B_ * 3 * H_, B_, 3 * H_);
  auto aux = view(aux_.data() + t * B_ * H_, B_, H_);
  const auto W_h = cview(W_h_, 3 * H_, H_);
  if (reset_after_) gru_ra_step_forward<S>(xp_t, h_prev, W_h, cview(b_hh_, 1, H_), gates, aux, h, scratch);
  else gru_step_forward<S>(xp_t, h_prev, W_h, gates, aux, h, scratch);
}

template <class S>
void GruCell<S>::backward_step(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S> h_prev, ConstMatMap<S>,
                               MatMap<S> dA_t, MatMap<S> dh_prev, S, GemmScratch<S>& scratch) {
  const auto gates = cview(gates_.data() + t * B_ * 3 * H_, B_, 3 * H_);
  if (reset_after_)
    gru_ra_step_backward<S>(dh, gates, cview(aux_.data() + t * B_ * H_, B_, H_), h_prev, cview(W_h_, 3 * H_, H_),
                            dA_t, view(dA_h_.data() + t * B_ * 3 * H_, B_, 3 * H_), dh_prev, scratch);
  else
    gru_step_backward<S>(dh, gates, h_prev, cview(W_h_, 3 * H_, H_), dA_t, view(drh_.data(), B_, H_), dh_prev,
                         scratch);
}

template <class S>
void GruCell<S>::weight_gradients(ConstMatMap<S> dA, ConstMatMap<S> H_prev, S* grads, GemmScratch<S>& scratch) {
  S* dW_h = grads + layer_.W_h;
  if (reset_after_) {
    const auto dA_h = cview(dA_h_.data(), N_, 3 * H_);
    matmul_add<S>(view(dW_h, 3 * H_, H_), dA_h, true, H_prev, false, scratch);
    add_column_sums(grads + layer_.b_hh, cols(dA_h, 2 * H_, H_));
  } else {
    // W_hz, W_hr multiply h_prev; W_hh multiplies r * h_prev (aux).
    matmul_add<S>(view(dW_h, 2 * H_, H_), cols(dA, 0, 2 * H_), true, H_prev, false, scratch);
    matmul_add<S>(view(dW_h + 2 * H_ * H_, H_, H_), cols(dA, 2 * H_, H_), true, cview(aux_.data(), N_, H_), false,
                  scratch);
  }
}

template <class S>
const std::vector<std::string>& GruCell<S>::gate_names() const {
  static const std::vector<std::string> names{"z", "r"};
  return names;
}

template <class S>
ConstMatMap<S> GruCell<S>::gate(int index) const {
  return cols(cview(gates_.data(), N_, 3 * H_), index * H_, H_);
}

template <class S>
const std::vector<std::string>& GruCell<S>::path_terms() const {
  static const std::vector<std::string> names{"direct", "update", "candidate", "reset"};
  return names;
}

template <class S>
void GruCell<S>::path_norms(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S> h_prev, ConstMatMap<S>, double* out,
                            GemmScratch<S>& scratch) {
  const auto part = [&](int k) { return view(paths_.data() + k * B_ * H_, B_, H_); };
  const auto gates = cview(gates_.data() + t * B_ * 3 * H_, B_, 3 * H_);
  const auto W_h = cview(W_h_, 3 * H_, H_);
  if (reset_after_)
    gru_ra_step_paths<S>(dh, gates, cview(aux_.data() + t * B_ * H_, B_, H_), h_prev, W_h, part(0), part(1), part(2),
                         part(3), part(4), scratch);
  else
    gru_step_paths<S>(dh, gates, h_prev, W_h, part(0), part(1), part(2), part(3), part(4), scratch);
  for (int k = 0; k < 4; ++k) out[k] = mean_row_norm<S>(as_const(part(k)));
}

#define SEQLAB_INSTANTIATE(S)                                                                                    \
  template void gru_step_forward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>, MatMap<S>,        \
                                    MatMap<S>, GemmScratch<S>&);                                                \
  template void gru_step_backward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>, \
                                     MatMap<S>, MatMap<S>, GemmScratch<S>&);                                    \
  template void gru_ra_step_forward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>,          \
                                       MatMap<S>, MatMap<S>, MatMap<S>, GemmScratch<S>&);                       \
  template void gru_ra_step_backward<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>,         \
                                        ConstMatMap<S>, MatMap<S>, MatMap<S>, MatMap<S>, GemmScratch<S>&);      \
  template void gru_step_paths<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, MatMap<S>,    \
                                  MatMap<S>, MatMap<S>, MatMap<S>, MatMap<S>, GemmScratch<S>&);                 \
  template void gru_ra_step_paths<S>(ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>, ConstMatMap<S>,            \
                                     ConstMatMap<S>, MatMap<S>, MatMap<S>, MatMap<S>, MatMap<S>, MatMap<S>,     \
                                     GemmScratch<S>&);                                                          \
  template class GruCell<S>;
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
