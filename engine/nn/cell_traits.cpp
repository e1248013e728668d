#include "engine/nn/cell_traits.h"

namespace seqlab::nn {

const CellTraits& cell_traits(CellType cell) {
  // The LSTM keeps with its forget gate (c = f * c_prev + ...), the GRU with 1 - z (h = (1 - z) * h_prev + z * ht).
  static const CellTraits rnn{"rnn", {"h"}, false, -1, 0, {{0, false}}, nullptr};
  static const CellTraits gru{"gru", {"z", "r", "h"}, false, 0, -1, {{1, false}, {0, true}, {2, false}}, "gruPaths"};
  static const CellTraits lstm{"lstm", {"i", "f", "o", "c"}, true, 1, +1,
                               {{0, false}, {1, false}, {3, false}, {2, false}}, "lstmPaths"};
  switch (cell) {
    case CellType::Rnn: return rnn;
    case CellType::Gru: return gru;
    case CellType::Lstm: return lstm;
  }
  return rnn;  // unreachable: a CellType is one of the three
}

}  // namespace seqlab::nn
