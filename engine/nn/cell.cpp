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
std::unique_ptr<Cell<S>> make_cell(const ModelOptions& c, const LayerLayout& layer, int B, int T) {
  switch (c.cell) {
    case CellType::Rnn: return std::make_unique<RnnCell<S>>(c.activation, layer, c.hidden);
    case CellType::Gru:
      return std::make_unique<GruCell<S>>(c.gru_variant == GruVariant::ResetAfter, layer, c.hidden, B, T);
    case CellType::Lstm: return std::make_unique<LstmCell<S>>(layer, c.hidden, B, T);
  }
  return nullptr;  // unreachable: ModelOptions::validate admits only the three cells
}

std::uint64_t cell_cache_scalars(const ModelOptions& c, int B, int T) {
  const std::uint64_t b = static_cast<std::uint64_t>(B), n = b * static_cast<std::uint64_t>(T),
                      h = static_cast<std::uint64_t>(c.hidden);
  switch (c.cell) {
    case CellType::Rnn: return 0;
    case CellType::Gru:
      return 3 * n * h + n * h + 5 * b * h + (c.gru_variant == GruVariant::ResetAfter ? 3 * n * h : b * h);
    case CellType::Lstm: return 4 * n * h + (n + b) * h + n * h + 2 * b * h;
  }
  return 0;  // unreachable: ModelOptions::validate admits only the three cells
}

template <class S>
double mean_row_norm(ConstMatMap<S> m) {
  return static_cast<double>(m.rowwise().norm().sum()) / static_cast<double>(m.rows());
}

#define SEQLAB_INSTANTIATE(S)                                                                       \
  template class Cell<S>;                                                                          \
  template std::unique_ptr<Cell<S>> make_cell<S>(const ModelOptions&, const LayerLayout&, int, int); \
  template double mean_row_norm<S>(ConstMatMap<S>);
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
