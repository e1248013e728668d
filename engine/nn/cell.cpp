#include "engine/nn/cell.h"

#include "engine/nn/gru_cell.h"
#include "engine/nn/lstm_cell.h"
#include "engine/nn/rnn_cell.h"

namespace seqlab::nn {

template <class S>
const std::vector<std::string>& Cell<S>::gate_names() const {
  static const std::vector<std::string> none;
  return none;
}

template <class S>
ConstMatMap<S> Cell<S>::gate(int) const {
  return ConstMatMap<S>(nullptr, 0, 0, Eigen::OuterStride<>(0));  // no gates: gate_names() is empty
}

template <class S>
const std::vector<std::string>& Cell<S>::path_terms() const {
  static const std::vector<std::string> none;
  return none;
}

template <class S>
std::unique_ptr<Cell<S>> make_cell(const ModelConfig& c, const LayerLayout& layer, int B, int T) {
  switch (c.cell) {
    case CellType::Rnn: return std::make_unique<RnnCell<S>>(c.activation, layer, c.hidden);
    case CellType::Gru:
      return std::make_unique<GruCell<S>>(c.gru_variant == GruVariant::ResetAfter, layer, c.hidden, B, T);
    case CellType::Lstm: return std::make_unique<LstmCell<S>>(layer, c.hidden, B, T);
  }
  return nullptr;  // unreachable: ModelConfig::validate admits only the three cells
}

template <class S>
double mean_row_norm(ConstMatMap<S> m) {
  return static_cast<double>(m.rowwise().norm().sum()) / static_cast<double>(m.rows());
}

#define SEQLAB_INSTANTIATE(S)                                                                       \
  template class Cell<S>;                                                                          \
  template std::unique_ptr<Cell<S>> make_cell<S>(const ModelConfig&, const LayerLayout&, int, int); \
  template double mean_row_norm<S>(ConstMatMap<S>);
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
