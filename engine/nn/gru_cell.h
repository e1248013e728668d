#pragma once
// One step of the GRU (MATH §3), batch rows (one row per sequence), gates stacked in the order z | r | h.
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
// Legend: B batch, H hidden.
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

}  // namespace seqlab::nn
