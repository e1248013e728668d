#pragma once
// One step of the LSTM (MATH §3), batch rows, gates stacked i | f | o | c (c: the candidate cell g).
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
// Legend: B batch, H hidden.
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

}  // namespace seqlab::nn
