#pragma once
// What the engine outside a cell's own maths needs to know about each cell, in one record: its name, its
// gate blocks (the H-row blocks stacked in W_x, W_h and b, in our order), whether it carries a cell state
// beside h, which block holds the gate that keeps the state (and the sign a keep bias takes there), where
// torch.nn puts each block, and the key of its path terms in a probe's result. Adding a cell: a row here,
// its maths (a Cell subclass), and its line in cell.cpp's factory and cache size.
#include <vector>

#include "engine/nn/config.h"

namespace seqlab::nn {

// torch.nn's gate block k is our block `ours`, negated where the two define the gate the other way round
// (the GRU's update gate: PyTorch's z is our 1 - z).
struct TorchBlock {
  int ours;
  bool negate;
};

struct CellTraits {
  const char* name;                     // the model group's `cell` choice
  std::vector<const char*> gates;       // our blocks in order: RNN h; GRU z r h; LSTM i f o c
  bool cell_state;                      // carries c beside h (LSTM)
  int keep_block;                       // the block of the gate that keeps the state; -1: none (RNN)
  double keep_sign;                     // + : a larger bias keeps (LSTM's f); - : a smaller one (GRU's z)
  std::vector<TorchBlock> torch_order;  // torch.nn's blocks in its order: GRU r z n; LSTM i f g o
  const char* path_key;                 // a probe's key for the path terms (Diagnostics::path_norms), or nullptr
};

const CellTraits& cell_traits(CellType cell);

}  // namespace seqlab::nn
