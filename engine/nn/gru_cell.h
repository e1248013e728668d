#pragma once
// One step of the GRU (docs/math.md §3), batch rows (one row per sequence), gates stacked in the order z | r | h.
// W_h = [W_hz; W_hr; W_hh] is one (3H, H) row-major block; xp = x [W_xz; W_xr; W_xh]^T + [b_z b_r b_h] is
// computed for all steps before the time loop.
//
// Notes form (`gru_step_*`, JS 'seed'; reset BEFORE the recurrent product):
//   [z r] = sigmoid(xp_zr + h_prev [W_hz; W_hr]^T)      one (B, H) x (H, 2H) product
//   rh    = r * h_prev
//   ht    = tanh(xp_h + rh W_hh^T)                      a second (B, H) x (H, H) product
//   h     = (1 - z) * h_prev + z * ht
// Backward (dh = dL/dh):
//   da_h  = dh * z * (1 - ht^2)          da_z = dh * (ht - h_prev) * z (1 - z)
//   drh   = da_h W_hh                    da_r = drh * h_prev * r (1 - r)
//   dh_prev = dh * (1 - z) + drh * r + [da_z da_r] [W_hz; W_hr]
//   dA = [da_z da_r da_h] serves dW_x, db and (first 2H columns with h_prev, last H with rh) dW_h.
//
// reset_after form (`gru_ra_step_*`, cuDNN/PyTorch):
//   hw    = h_prev W_h^T                                one (B, H) x (H, 3H) product
//   [z r] = sigmoid(xp_zr + hw_zr)
//   hn    = hw_h + b_hh
//   ht    = tanh(xp_h + r * hn)
//   h     = (1 - z) * h_prev + z * ht
// Backward:
//   da_h = dh * z * (1 - ht^2)    da_z as above    da_r = da_h * hn * r (1 - r)
//   dA_x = [da_z da_r da_h]            (for dW_x, b_z b_r b_h)
//   dA_h = [da_z da_r da_h * r]        (for dW_h, and its last H columns for b_hh)
//   dh_prev = dh * (1 - z) + dA_h W_h
//
// The four paths from h_prev to h (the BPTT lab; diagnostics only, never in the hot loop). dh_prev above
// is the sum of four terms, one per way h_prev enters h:
//   direct     dh * (1 - z)                        h_prev itself, weighted by 1 - z
//   update     da_z W_hz                           through the update gate z
//   candidate  notes: drh * r                      through the candidate ht, via r * h_prev
//              reset_after: (da_h * r) W_hh        via r * (h_prev W_hh^T + b_hh)
//   reset      da_r W_hr                           through the reset gate r
// (`gru_step_paths` / `gru_ra_step_paths` write them; dh_prev == direct + update + candidate + reset.)
// Legend: B batch, H hidden, N = T*B rows.
#include <string>
#include <vector>

#include "engine/nn/cell.h"
#include "engine/nn/matmul.h"

namespace seqlab::nn {

template <class S>
void gru_step_forward(ConstMatMap<S> xp,      // (B, 3H)
                      ConstMatMap<S> h_prev,  // (B, H)
                      ConstMatMap<S> W_h,     // (3H, H)
                      MatMap<S> gates,        // (B, 3H) out: z | r | ht
                      MatMap<S> rh,           // (B, H) out: r * h_prev
                      MatMap<S> h,            // (B, H) out
                      GemmScratch<S>& scratch);

template <class S>
void gru_step_backward(ConstMatMap<S> dh,      // (B, H)
                       ConstMatMap<S> gates,   // (B, 3H)
                       ConstMatMap<S> h_prev,  // (B, H)
                       ConstMatMap<S> W_h,     // (3H, H)
                       MatMap<S> dA,           // (B, 3H) out: da_z | da_r | da_h
                       MatMap<S> drh,          // (B, H) scratch
                       MatMap<S> dh_prev,      // (B, H) out: recurrent part of dL/dh_prev
                       GemmScratch<S>& scratch);

template <class S>
void gru_ra_step_forward(ConstMatMap<S> xp,      // (B, 3H)
                         ConstMatMap<S> h_prev,  // (B, H)
                         ConstMatMap<S> W_h,     // (3H, H)
                         ConstMatMap<S> b_hh,    // (1, H)
                         MatMap<S> gates,        // (B, 3H) out: z | r | ht
                         MatMap<S> hn,           // (B, H) out: h_prev W_hh^T + b_hh
                         MatMap<S> h,            // (B, H) out
                         GemmScratch<S>& scratch);

template <class S>
void gru_ra_step_backward(ConstMatMap<S> dh,      // (B, H)
                          ConstMatMap<S> gates,   // (B, 3H)
                          ConstMatMap<S> hn,      // (B, H)
                          ConstMatMap<S> h_prev,  // (B, H)
                          ConstMatMap<S> W_h,     // (3H, H)
                          MatMap<S> dA_x,         // (B, 3H) out
                          MatMap<S> dA_h,         // (B, 3H) out
                          MatMap<S> dh_prev,      // (B, H) out
                          GemmScratch<S>& scratch);

// The four path terms of dh_prev (see above), each (B, H); tmp (B, H) is scratch.
template <class S>
void gru_step_paths(ConstMatMap<S> dh, ConstMatMap<S> gates, ConstMatMap<S> h_prev, ConstMatMap<S> W_h,
                    MatMap<S> direct, MatMap<S> update, MatMap<S> candidate, MatMap<S> reset, MatMap<S> tmp,
                    GemmScratch<S>& scratch);
template <class S>
void gru_ra_step_paths(ConstMatMap<S> dh, ConstMatMap<S> gates, ConstMatMap<S> hn, ConstMatMap<S> h_prev,
                       ConstMatMap<S> W_h, MatMap<S> direct, MatMap<S> update, MatMap<S> candidate,
                       MatMap<S> reset, MatMap<S> tmp, GemmScratch<S>& scratch);

// The GRU (either form) as a Cell (cell.h). Per step it caches the gates z | r | ht (N, 3H) and aux (N, H):
// notes r * h_prev (the input of W_hh), reset_after hn = h_prev W_hh^T + b_hh; reset_after also keeps the
// recurrent-side dA_h (N, 3H) for dW_h and b_hh.
template <class S>
class GruCell final : public Cell<S> {
 public:
  GruCell(bool reset_after, const LayerLayout& layer, int hidden, int B, int T);
  void bind(const S* params) override;
  void forward_step(Eigen::Index t, ConstMatMap<S> xp_t, ConstMatMap<S> h_prev, MatMap<S> h,
                    GemmScratch<S>&) override;
  void backward_step(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S> h_prev, ConstMatMap<S> h, MatMap<S> dA_t,
                     MatMap<S> dh_prev, S xi, GemmScratch<S>&) override;
  void weight_gradients(ConstMatMap<S> dA, ConstMatMap<S> H_prev, S* grads, GemmScratch<S>&) override;
  const std::vector<std::string>& gate_names() const override;
  ConstMatMap<S> gate(int index) const override;
  const std::vector<std::string>& path_terms() const override;
  void path_norms(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S> h_prev, ConstMatMap<S> dh_prev, double* out,
                  GemmScratch<S>&) override;
  std::size_t allocated_scalars() const override {
    return gates_.size() + aux_.size() + dA_h_.size() + drh_.size() + paths_.size();
  }

 private:
  bool reset_after_;
  LayerLayout layer_;
  Eigen::Index H_, B_, N_;
  const S* W_h_ = nullptr;   // (3H, H)
  const S* b_hh_ = nullptr;  // (1, H) reset_after
  Buffer<S> gates_, aux_, dA_h_;
  Buffer<S> drh_;   // (B, H) notes backward scratch
  Buffer<S> paths_;  // (5B, H) the four terms and a scratch block, for path_norms
};

}  // namespace seqlab::nn
