#pragma once
// The flat parameter buffer of a model and its named views (llm.c style: one allocation, tensors point
// into it). An optimizer is one loop over the buffer, a checkpoint one blob, a copy to JS one typed array;
// the gradient buffer mirrors it entry for entry.
//
// Names and shapes follow docs/math.md's column-vector notation, row-major, layer prefix `l0.`, `l1.`, ...
// The order inside a layer makes the gates FUSE: all input matrices W_x* of a layer are adjacent (one
// (G*H, I) row-major block), then all recurrent matrices W_h* (one (G*H, H) block), then the biases (G*H),
// each in gate order:
//   RNN                 W_xh | W_hh | b_h
//   GRU (notes)         W_xz W_xr W_xh | W_hz W_hr W_hh | b_z b_r b_h        (W_hz W_hr: one (2H, H) block;
//                                                                             W_hh multiplies r*h, apart)
//   GRU (reset_after)   W_xz W_xr W_xh | W_hz W_hr W_hh | b_z b_r b_h | b_hh (one (3H, H) product)
//   LSTM                W_xi W_xf W_xo W_xc | W_hi W_hf W_ho W_hc | b_i b_f b_o b_c
// then W_hq (V, H), b_q (V) and, with an embedding, E (V, E).
// Legend: V vocabulary, H hidden, E embedding, I input size of a layer, G gate blocks (1, 3 or 4).
#include <cstddef>
#include <string>
#include <vector>

#include "engine/nn/config.h"

namespace seqlab::nn {

struct ParameterInfo {
  std::string name;
  std::vector<int> shape;
  std::size_t offset = 0, size = 0;
};

struct LayerLayout {
  int input = 0;            // I
  std::size_t W_x = 0;      // (G*H, I) stacked input matrices
  std::size_t W_h = 0;      // (G*H, H) stacked recurrent matrices
  std::size_t b = 0;        // (G*H) stacked biases
  std::size_t b_hh = 0;     // (H) GRU reset_after only: recurrent candidate bias inside r * (W_hh h + b_hh)
};

struct ParameterLayout {
  std::vector<ParameterInfo> infos;  // in buffer order
  std::vector<LayerLayout> layers;
  std::size_t W_hq = 0, b_q = 0, E = 0;  // E only with an embedding
  std::size_t total = 0;
};

ParameterLayout make_parameter_layout(const ModelOptions&);

// The gate names of a cell in stacking order ("z","r","h" / "i","f","o","c" / "h").
std::vector<std::string> gate_names(const ModelOptions&);

}  // namespace seqlab::nn
