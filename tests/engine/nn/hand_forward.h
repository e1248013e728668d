#pragma once
// A reference forward pass written out from docs/math.md §3-4, apart from the engine's cells, sequence runner and
// loss: one layer, one-hot input, the RNN (tanh) or the notes' GRU, in double, one sequence (one row) at a
// time. The weights are read from a Model<float> by name. The trainer tests compare the losses the engine
// reports for a batch of rows with these, row by row.
// Legend: H hidden, V vocabulary.
#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/nn/model.h"

namespace seqlab::nn::test {

class HandForward {
 public:
  using Matrix = Eigen::MatrixXd;
  using Vector = Eigen::VectorXd;

  explicit HandForward(const Model<float>& m) : cell_(m.config().cell), H_(m.config().hidden) {
    const ModelOptions& c = m.config();
    if (c.layers != 1 || c.embedding != 0 || (c.cell == CellType::Rnn && c.activation != Activation::Tanh) ||
        (c.cell == CellType::Gru && c.gru_variant != GruVariant::Notes) || c.cell == CellType::Lstm)
      throw std::runtime_error("HandForward: one layer, one-hot input, RNN tanh or the notes' GRU only");
    const std::vector<std::string> gates = c.cell == CellType::Gru ? std::vector<std::string>{"z", "r", "h"}
                                                                   : std::vector<std::string>{"h"};
    for (const auto& g : gates) {
      W_x_.push_back(read(m, "l0.W_x" + g));
      W_h_.push_back(read(m, "l0.W_h" + g));
      b_.push_back(read(m, "l0.b_" + g));
    }
    W_hq_ = read(m, "W_hq");
    b_q_ = read(m, "b_q");
  }

  Vector zero_state() const { return Vector::Zero(H_); }

  // h_t from x_t (a token id) and h_{t-1}.
  Vector step(std::int32_t x, const Vector& h) const {
    if (cell_ == CellType::Rnn) return (W_x_[0].col(x) + W_h_[0] * h + b_[0].col(0)).array().tanh().matrix();
    const auto sigmoid = [](const Vector& a) -> Vector { return (1.0 / (1.0 + (-a.array()).exp())).matrix(); };
    const Vector z = sigmoid(W_x_[0].col(x) + W_h_[0] * h + b_[0].col(0));
    const Vector r = sigmoid(W_x_[1].col(x) + W_h_[1] * h + b_[1].col(0));
    const Vector candidate = (W_x_[2].col(x) + W_h_[2] * r.cwiseProduct(h) + b_[2].col(0)).array().tanh().matrix();
    return (Vector::Ones(H_) - z).cwiseProduct(h) + z.cwiseProduct(candidate);
  }

  // -log softmax(W_hq h + b_q)[y].
  double token_loss(const Vector& h, std::int32_t y) const {
    const Vector o = W_hq_ * h + b_q_.col(0);
    const double top = o.maxCoeff();
    return std::log((o.array() - top).exp().sum()) - (o(y) - top);
  }

  // The summed loss of predicting ids[from + t + 1] from ids[from..from + t] for t in [0, n), carrying `h`.
  double loss_sum(const std::vector<std::int32_t>& ids, std::size_t from, std::size_t n, Vector& h) const {
    double sum = 0;
    for (std::size_t t = 0; t < n; ++t) {
      h = step(ids[from + t], h);
      sum += token_loss(h, ids[from + t + 1]);
    }
    return sum;
  }

 private:
  static Matrix read(const Model<float>& m, const std::string& name) {
    const ParameterInfo& info = m.parameter_info(name);
    const int rows = info.shape[0], cols = info.shape.size() > 1 ? info.shape[1] : 1;
    Matrix out(rows, cols);
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j) out(i, j) = m.parameters()[info.offset + static_cast<std::size_t>(i) * cols + j];
    return out;
  }

  CellType cell_;
  int H_;
  std::vector<Matrix> W_x_, W_h_, b_;
  Matrix W_hq_, b_q_;
};

}  // namespace seqlab::nn::test
