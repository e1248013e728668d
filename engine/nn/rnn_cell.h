#pragma once
// One step of the plain RNN (docs/math.md §3), batch rows (one row per sequence):
//   a   = xp + h_prev W_hh^T          xp = x W_xh^T + b_h, computed for all steps before the time loop
//   h   = phi(a)                      phi = tanh | relu | identity (identity: the linear RNN)
// Backward, with dh = dL/dh (the total gradient at h):
//   da      = dh * phi'(a)            phi' from h: tanh 1 - h^2, relu [h > 0], identity 1
//   dh_prev = da W_hh                 (the recurrent gradient; the runner scales it by xi_t)
// Legend: B batch, H hidden.
#include "engine/nn/cell.h"
#include "engine/nn/config.h"
#include "engine/nn/matmul.h"

namespace seqlab::nn {

template <class S>
void rnn_step_forward(Activation phi,
                      ConstMatMap<S> xp,      // (B, H)
                      ConstMatMap<S> h_prev,  // (B, H)
                      ConstMatMap<S> W_hh,    // (H, H)
                      MatMap<S> h,            // (B, H) out
                      GemmScratch<S>& scratch);

template <class S>
void rnn_step_backward(Activation phi,
                       ConstMatMap<S> dh,    // (B, H)
                       ConstMatMap<S> h,     // (B, H) the step's output
                       ConstMatMap<S> W_hh,  // (H, H)
                       MatMap<S> da,         // (B, H) out: dL/da
                       MatMap<S> dh_prev,    // (B, H) out: recurrent part of dL/dh_prev
                       GemmScratch<S>& scratch);

// The RNN as a Cell (cell.h): it caches nothing of its own (phi' comes from h, which the runner keeps).
template <class S>
class RnnCell final : public Cell<S> {
 public:
  RnnCell(Activation phi, const LayerLayout& layer, int hidden) : phi_(phi), layer_(layer), H_(hidden) {}
  void bind(const S* params) override { W_hh_ = params + layer_.W_h; }
  void forward_step(Eigen::Index t, ConstMatMap<S> xp_t, ConstMatMap<S> h_prev, MatMap<S> h,
                    GemmScratch<S>&) override;
  void backward_step(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S> h_prev, ConstMatMap<S> h, MatMap<S> dA_t,
                     MatMap<S> dh_prev, S xi, GemmScratch<S>&) override;
  void weight_gradients(ConstMatMap<S> dA, ConstMatMap<S> H_prev, S* grads, GemmScratch<S>&) override;

 private:
  Activation phi_;
  LayerLayout layer_;
  Eigen::Index H_;
  const S* W_hh_ = nullptr;  // (H, H)
};

}  // namespace seqlab::nn
