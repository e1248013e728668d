#pragma once
// One step of the LSTM (docs/math.md §3), batch rows, gates stacked i | f | o | c (c: the candidate cell g).
// W_h = [W_hi; W_hf; W_ho; W_hc] is one (4H, H) block; xp = x W_x^T + b for all steps before the loop.
//   A       = xp + h_prev W_h^T                 one (B, H) x (H, 4H) product
//   i, f, o = sigmoid(A_i, A_f, A_o)            g = tanh(A_c)
//   c       = f * c_prev + i * g                tc = tanh(c)
//   h       = o * tc
// Backward, with dh = dL/dh and dc the gradient reaching c from step t+1 (already scaled by xi):
//   dct     = dc + dh * o * (1 - tc^2)
//   dA      = [dct*g*i(1-i)  dct*c_prev*f(1-f)  dh*tc*o(1-o)  dct*i*(1-g^2)]
//   dc_prev = dct * f                           (the path the forget gate controls)
//   dh_prev = dA W_h
// The two paths from step t back to step t-1 (the BPTT lab, diagnostics only): the cell path
// dc_prev = dct * f, which the forget gate controls, and the rest, dh_prev.
// Legend: B batch, H hidden, N = T*B rows.
#include <string>
#include <vector>

#include "engine/nn/cell.h"
#include "engine/nn/matmul.h"

namespace seqlab::nn {

template <class S>
void lstm_step_forward(ConstMatMap<S> xp,      // (B, 4H)
                       ConstMatMap<S> h_prev,  // (B, H)
                       ConstMatMap<S> c_prev,  // (B, H)
                       ConstMatMap<S> W_h,     // (4H, H)
                       MatMap<S> gates,        // (B, 4H) out: i | f | o | g
                       MatMap<S> c,            // (B, H) out
                       MatMap<S> tc,           // (B, H) out: tanh(c)
                       MatMap<S> h,            // (B, H) out
                       GemmScratch<S>& scratch);

template <class S>
void lstm_step_backward(ConstMatMap<S> dh,      // (B, H)
                        ConstMatMap<S> dc,      // (B, H)
                        ConstMatMap<S> gates,   // (B, 4H)
                        ConstMatMap<S> c_prev,  // (B, H)
                        ConstMatMap<S> tc,      // (B, H)
                        ConstMatMap<S> W_h,     // (4H, H)
                        MatMap<S> dA,           // (B, 4H) out
                        MatMap<S> dh_prev,      // (B, H) out
                        MatMap<S> dc_prev,      // (B, H) out
                        GemmScratch<S>& scratch);

// The LSTM as a Cell (cell.h). Per step it caches the gates i | f | o | g (N, 4H), the cell states c
// ((T+1)*B, H: rows 0..B the state in, rows (t+1)*B.. the c of step t) and tanh(c) (N, H); it carries
// dL/dc backward itself (scaled by xi like the runner's dL/dh).
template <class S>
class LstmCell final : public Cell<S> {
 public:
  LstmCell(const LayerLayout& layer, int hidden, int B, int T);
  void bind(const S* params) override { W_h_ = params + layer_.W_h; }
  void set_state(const State<S>& state, int layer) override;
  void get_state(State<S>& state, int layer) const override;
  void forward_step(Eigen::Index t, ConstMatMap<S> xp_t, ConstMatMap<S> h_prev, MatMap<S> h,
                    GemmScratch<S>&) override;
  void begin_backward() override;
  void backward_step(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S> h_prev, ConstMatMap<S> h, MatMap<S> dA_t,
                     MatMap<S> dh_prev, S xi, GemmScratch<S>&) override;
  void weight_gradients(ConstMatMap<S> dA, ConstMatMap<S> H_prev, S* grads, GemmScratch<S>&) override;
  const std::vector<std::string>& gate_names() const override;
  ConstMatMap<S> gate(int index) const override;
  const std::vector<std::string>& path_terms() const override;
  void path_norms(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S> h_prev, ConstMatMap<S> dh_prev, double* out,
                  GemmScratch<S>&) override;
  std::size_t allocated_scalars() const override {
    return gates_.size() + cs_.size() + tcs_.size() + carry_c_.size() + dc_prev_.size();
  }

 private:
  LayerLayout layer_;
  Eigen::Index H_, B_, T_, N_;
  const S* W_h_ = nullptr;  // (4H, H)
  Buffer<S> gates_, cs_, tcs_;
  Buffer<S> carry_c_, dc_prev_;  // (B, H) dL/dc entering step t from t+1 (scaled), and dct * f of step t
};

}  // namespace seqlab::nn
