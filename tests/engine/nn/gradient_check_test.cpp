// Central-difference gradient checks in double (docs/math.md §8) for every parameter tensor of every cell, with
// 1 and 2 layers, one-hot and embedding input and a nonzero initial state; `fixed:tau` against the loss in
// which the state entering each cut is held constant; `fixed:tau` with tau >= T against `full` exactly;
// `random:pi` statistically against `full`.
// Error measure per tensor: max_i |a_i - n_i| / max(1e-8, max_i (|a_i| + |n_i|)) < 1e-6 (a analytic,
// n numeric). Sizes: V = 7, H = 5, B = 3, T = 6.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "tests/engine/nn/nn_test_util.h"

using namespace seqlab;
using namespace seqlab::nn;
using namespace seqlab::nn::test;

namespace {
constexpr int B = 3, T = 6;

std::vector<ModelOptions> all_configs(CellType cell) {
  std::vector<ModelOptions> out;
  for (int layers : {1, 2})
    for (int emb : {0, 4}) {
      if (cell == CellType::Rnn) {
        for (auto a : {Activation::Tanh, Activation::Relu, Activation::Identity})
          out.push_back(small_config(cell, layers, emb, a));
      } else if (cell == CellType::Gru) {
        for (auto v : {GruVariant::Notes, GruVariant::ResetAfter})
          out.push_back(small_config(cell, layers, emb, Activation::Tanh, v));
      } else {
        out.push_back(small_config(cell, layers, emb));
      }
    }
  return out;
}

// The mean loss over B*T when the state entering steps 0, tau, 2tau, ... is `cut_states[k]` (constants).
double chunked_loss(Model<double>& m, const std::vector<std::int32_t>& x, const std::vector<std::int32_t>& y, int tau,
                    const std::vector<State<double>>& cut_states) {
  double sum = 0.0;
  for (int k = 0; k * tau < T; ++k) {
    const int t0 = k * tau, len = std::min(tau, T - t0);
    std::vector<std::int32_t> xs, ys;
    for (int b = 0; b < B; ++b)
      for (int t = t0; t < t0 + len; ++t) {
        xs.push_back(x[b * T + t]);
        ys.push_back(y[b * T + t]);
      }
    State<double> s = cut_states[k];
    sum += m.loss_sum(xs.data(), ys.data(), B, len, s);
  }
  return sum / (B * T);
}

// Checks the analytic gradient of `truncation` against central differences of the loss it differentiates.
void check_gradients(const ModelOptions& config, const std::string& truncation) {
  INFO(describe(config) << " truncation " << truncation);
  Model<double> m(config);
  randomize(m, config.seed + 1000);
  const auto x = random_ids(B * T, config.vocab, 5), y = random_ids(B * T, config.vocab, 6);
  const State<double> s0 = random_state(m, B, 7);
  const Truncation tr = Truncation::parse(truncation);
  const int tau = tr.kind == Truncation::Kind::Fixed ? tr.tau : T;

  // The states entering each cut, at the unperturbed parameters.
  std::vector<State<double>> cut_states{s0};
  {
    State<double> s = s0;
    for (int k = 1; k * tau < T; ++k) {
      std::vector<std::int32_t> xs, ys;
      for (int b = 0; b < B; ++b)
        for (int t = (k - 1) * tau; t < k * tau; ++t) {
          xs.push_back(x[b * T + t]);
          ys.push_back(y[b * T + t]);
        }
      m.loss_sum(xs.data(), ys.data(), B, tau, s);
      cut_states.push_back(s);
    }
  }

  Rng rng(1);
  State<double> s = s0;
  const double loss = m.loss_and_gradients(x.data(), y.data(), B, T, tr, rng, s);
  CHECK(std::abs(loss - chunked_loss(m, x, y, tau, cut_states)) < 1e-12);
  const std::vector<double> analytic(m.gradients(), m.gradients() + m.parameter_count());

  const double eps = 1e-5;
  for (const auto& info : m.parameter_infos()) {
    double max_diff = 0.0, max_scale = 0.0;
    for (std::size_t i = 0; i < info.size; ++i) {
      double& p = m.parameters()[info.offset + i];
      const double saved = p;
      p = saved + eps;
      const double up = chunked_loss(m, x, y, tau, cut_states);
      p = saved - eps;
      const double down = chunked_loss(m, x, y, tau, cut_states);
      p = saved;
      const double numeric = (up - down) / (2 * eps), a = analytic[info.offset + i];
      max_diff = std::max(max_diff, std::abs(a - numeric));
      max_scale = std::max(max_scale, std::abs(a) + std::abs(numeric));
    }
    INFO("tensor " << info.name << " max |a - n| " << max_diff << " scale " << max_scale);
    CHECK(max_scale > 1e-6);  // every tensor matters in these inputs (else the check would be vacuous)
    CHECK(max_diff / std::max(1e-8, max_scale) < 1e-6);
  }
}

void check_cell(CellType cell) {
  for (const auto& c : all_configs(cell)) {
    check_gradients(c, "full");
    check_gradients(c, "fixed:2");
    check_gradients(c, "fixed:4");  // a last chunk shorter than tau
  }
}
}  // namespace

TEST_CASE("nn gradient check: RNN (tanh, relu, identity), 1-2 layers, one-hot and embedding") {
  check_cell(CellType::Rnn);
}
TEST_CASE("nn gradient check: GRU (notes form and reset_after), 1-2 layers, one-hot and embedding") {
  check_cell(CellType::Gru);
}
TEST_CASE("nn gradient check: LSTM, 1-2 layers, one-hot and embedding") { check_cell(CellType::Lstm); }
TEST_CASE("nn gradient check: GRU (both forms) and LSTM with a keep bias (gateBias 2: gates near saturation)") {
  for (auto cell : {CellType::Gru, CellType::Lstm})
    for (auto v : {GruVariant::Notes, GruVariant::ResetAfter}) {
      ModelOptions c = small_config(cell, 2, 0, Activation::Tanh, v);
      c.gate_bias = 2;
      check_gradients(c, "full");
    }
}

TEST_CASE("nn truncation: fixed:tau with tau >= T equals full exactly; tau < T differs") {
  for (auto cell : {CellType::Rnn, CellType::Gru, CellType::Lstm}) {
    const ModelOptions c = small_config(cell, 2, 0);
    Model<double> m(c);
    randomize(m, 3);
    const auto x = random_ids(B * T, c.vocab, 8), y = random_ids(B * T, c.vocab, 9);
    auto grads = [&](const std::string& tr) {
      Rng rng(0);
      State<double> s = random_state(m, B, 10);
      m.loss_and_gradients(x.data(), y.data(), B, T, Truncation::parse(tr), rng, s);
      return std::vector<double>(m.gradients(), m.gradients() + m.parameter_count());
    };
    const auto full = grads("full");
    CHECK(grads("fixed:" + std::to_string(T)) == full);
    CHECK(grads("fixed:" + std::to_string(T + 3)) == full);
    CHECK(grads("random:1") == full);
    CHECK(grads("fixed:2") != full);
  }
}

// random:pi is unbiased (docs/math.md §5): the mean over N seeds of the gradient approaches `full`, at pi = 0.7 (T = 6,
// N = 2000) and at pi = 0.1, where most boundaries are cut and each kept one weighs 1/pi = 10: a path back
// through d boundaries weighs 10^d and is drawn with probability 10^-d. That tail is too heavy for a sample
// standard error at T = 6 (a depth-4 path is drawn twice in 20000 seeds, or never); at T = 3 (two boundaries,
// the deepest pattern drawn ~200 times in N = 20000) the mean and its standard error are sound, and the
// compounding 1/pi^2 of two kept boundaries is still exercised.
// Tolerance per entry: |mean - full| <= 5 standard errors (sample sd / sqrt(N)) + 1e-9, a 5-sigma bound
// that a correct implementation fails with probability ~1e-4 over the few hundred entries; a biased one
// (e.g. forgetting the 1/pi) fails by tens of standard errors.
TEST_CASE("nn truncation: random:pi averaged over many seeds approaches full, at pi = 0.7 and 0.1") {
  struct Draws {
    std::string pi;
    int n, steps;
  };
  for (const Draws& draws : {Draws{"0.7", 2000, T}, Draws{"0.1", 20000, 3}})
  for (auto cell : {CellType::Rnn, CellType::Gru, CellType::Lstm}) {
    const std::string pi = draws.pi;
    const int n = draws.n, steps = draws.steps;
    const ModelOptions c = small_config(cell, 2, 0, Activation::Tanh, GruVariant::Notes);
    INFO(describe(c) << " random:" << pi);
    Model<double> m(c);
    randomize(m, 4, 0.8);
    const auto x = random_ids(B * steps, c.vocab, 11), y = random_ids(B * steps, c.vocab, 12);
    const State<double> s0 = random_state(m, B, 13);
    Rng rng0(0);
    State<double> s = s0;
    m.loss_and_gradients(x.data(), y.data(), B, steps, Truncation::parse("full"), rng0, s);
    const std::vector<double> full(m.gradients(), m.gradients() + m.parameter_count());
    std::vector<double> sum(full.size(), 0.0), sum_sq(full.size(), 0.0);
    for (int seed = 0; seed < n; ++seed) {
      Rng rng(static_cast<std::uint64_t>(seed));
      s = s0;
      m.loss_and_gradients(x.data(), y.data(), B, steps, Truncation::parse("random:" + pi), rng, s);
      for (std::size_t i = 0; i < full.size(); ++i) {
        sum[i] += m.gradients()[i];
        sum_sq[i] += m.gradients()[i] * m.gradients()[i];
      }
    }
    double worst_z = 0.0, max_sd = 0.0;
    bool ok = true;
    for (std::size_t i = 0; i < full.size(); ++i) {
      const double mean = sum[i] / n, var = std::max(0.0, sum_sq[i] / n - mean * mean);
      const double se = std::sqrt(var * n / (n - 1) / n);
      max_sd = std::max(max_sd, std::sqrt(var));
      if (std::abs(mean - full[i]) > 5 * se + 1e-9) ok = false;
      if (se > 0) worst_z = std::max(worst_z, std::abs(mean - full[i]) / se);
    }
    INFO("worst z " << worst_z);
    CHECK(max_sd > 1e-4);  // the draws do change the gradient
    CHECK(ok);
  }
}
