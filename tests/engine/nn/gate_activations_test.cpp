// Model::gate_activations: per layer and gate a (T, H) array for one sequence from the zero state, checked
// against the first two steps of a GRU (notes form) and the first step of an LSTM written out by hand here;
// the names and shapes for two layers; and that the call leaves training results untouched.
#include <doctest.h>

#include <cmath>
#include <vector>

#include <Eigen/Dense>

#include "engine/core/error.h"
#include "tests/engine/nn/nn_test_util.h"

using namespace seqlab;
using namespace seqlab::nn;
using namespace seqlab::nn::test;

namespace {
using Vec = Eigen::VectorXd;
using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Mat tensor(Model<double>& m, const std::string& name) {
  const auto& info = m.parameter_info(name);
  return Eigen::Map<const Mat>(m.parameter(name), info.shape[0], info.shape.size() > 1 ? info.shape[1] : 1);
}
Vec sigmoid(const Vec& a) { return (1.0 + (-a.array()).exp()).inverse(); }
}  // namespace

TEST_CASE("nn gate activations: the GRU's z and r and the LSTM's i, f, o against steps written out by hand") {
  const int T = 5;
  const auto x = random_ids(T, 7, 91);
  {
    Model<double> m(small_config(CellType::Gru, 1, 0));
    randomize(m, 92, 0.9);
    const auto gates = m.gate_activations(x.data(), T);
    REQUIRE(gates.size() == 2);
    CHECK(gates[0].first == "l0.z");
    CHECK(gates[1].first == "l0.r");
    const Mat Wxz = tensor(m, "l0.W_xz"), Wxr = tensor(m, "l0.W_xr"), Wxh = tensor(m, "l0.W_xh");
    const Mat Whz = tensor(m, "l0.W_hz"), Whr = tensor(m, "l0.W_hr");
    const Vec bz = tensor(m, "l0.b_z"), br = tensor(m, "l0.b_r"), bh = tensor(m, "l0.b_h");
    // t = 0 from h = 0: z0 = sigmoid(W_xz[:, x0] + b_z); h1 = z0 * tanh(W_xh[:, x0] + b_h) (r * 0 = 0).
    const Vec z0 = sigmoid(Wxz.col(x[0]) + bz), r0 = sigmoid(Wxr.col(x[0]) + br);
    const Vec h1 = z0.array() * (Wxh.col(x[0]) + bh).array().tanh();
    const Vec z1 = sigmoid(Wxz.col(x[1]) + Whz * h1 + bz), r1 = sigmoid(Wxr.col(x[1]) + Whr * h1 + br);
    CHECK(gates[0].second.rows() == T);
    CHECK(gates[0].second.cols() == 5);
    CHECK((gates[0].second.row(0).transpose() - z0).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((gates[1].second.row(0).transpose() - r0).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((gates[0].second.row(1).transpose() - z1).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((gates[1].second.row(1).transpose() - r1).cwiseAbs().maxCoeff() < 1e-12);
  }
  {
    Model<double> m(small_config(CellType::Lstm, 1, 0));
    randomize(m, 93, 0.9);
    const auto gates = m.gate_activations(x.data(), T);
    REQUIRE(gates.size() == 3);
    const char* names[] = {"i", "f", "o"};
    for (int g = 0; g < 3; ++g) {
      CHECK(gates[g].first == std::string("l0.") + names[g]);
      const Vec expected = sigmoid(tensor(m, std::string("l0.W_x") + names[g]).col(x[0]) +
                                   Vec(tensor(m, std::string("l0.b_") + names[g])));
      CHECK((gates[g].second.row(0).transpose() - expected).cwiseAbs().maxCoeff() < 1e-12);
    }
  }
}

TEST_CASE("nn gate activations: names and shapes for two layers, none for the RNN, training unaffected") {
  const int B = 3, T = 6;
  Model<float> m(small_config(CellType::Gru, 2, 4));
  const auto x = random_ids(B * T, 7, 94), y = random_ids(B * T, 7, 95);
  auto train = [&] {
    State<float> s = m.zero_state(B);
    Rng rng(0);
    const float loss = m.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, rng, s);
    std::vector<float> out(m.gradients(), m.gradients() + m.parameter_count());
    out.push_back(loss);
    out.insert(out.end(), s.h[1].data(), s.h[1].data() + s.h[1].size());
    return out;
  };
  const auto before = train();
  const auto gates = m.gate_activations(x.data(), 11);
  CHECK(train() == before);
  REQUIRE(gates.size() == 4);
  const char* names[] = {"l0.z", "l0.r", "l1.z", "l1.r"};
  for (int i = 0; i < 4; ++i) {
    CHECK(gates[i].first == names[i]);
    CHECK(gates[i].second.rows() == 11);
    CHECK(gates[i].second.cols() == 5);
    CHECK(gates[i].second.minCoeff() > 0.0f);
    CHECK(gates[i].second.maxCoeff() < 1.0f);
  }
  Model<float> rnn(small_config(CellType::Rnn, 1, 0));
  CHECK(rnn.gate_activations(x.data(), 4).empty());
  CHECK_THROWS_AS(m.gate_activations(x.data(), 0), Error);
  const std::vector<std::int32_t> bad{1, 2, 99};
  CHECK_THROWS_WITH_AS(m.gate_activations(bad.data(), 3), doctest::Contains("99"), Error);
}
