// LossSteps::Last (the BPTT lab's loss, the mean over B of the last step's loss l_T): central-difference
// gradient checks in double for every parameter tensor of every cell, with `full` and `fixed:tau`
// truncation, against a loss computed by forward passes only (the steps before T carried with loss_sum,
// then the last step's loss on its own); and the linear RNN of the notes, whose dl_T/dh_t is exactly
// (W_hh^T)^(T-1-t) dl_T/dh_(T-1): with W_hh = rho I the norms are rho^(T-1-t) times the last one.
// Error measure per tensor as in gradient_check_test.cpp: max |a - n| / max(1e-8, max (|a| + |n|)) < 1e-6.
// Sizes: V = 7, H = 5, B = 3, T = 6.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "tests/engine/nn/nn_test_util.h"

using namespace seqlab;
using namespace seqlab::nn;
using namespace seqlab::nn::test;

namespace {
constexpr int B = 3, T = 6;

std::vector<std::int32_t> steps(const std::vector<std::int32_t>& ids, int t0, int t1) {  // columns [t0, t1)
  std::vector<std::int32_t> out;
  for (int b = 0; b < B; ++b)
    for (int t = t0; t < t1; ++t) out.push_back(ids[b * T + t]);
  return out;
}

// The mean over B of the last step's loss when the state entering step t0 is the constant `s0`.
double last_step_loss(Model<double>& m, const std::vector<std::int32_t>& x, const std::vector<std::int32_t>& y, int t0,
                      const State<double>& s0) {
  State<double> s = s0;
  if (t0 < T - 1) {
    const auto xs = steps(x, t0, T - 1), ys = steps(y, t0, T - 1);
    m.loss_sum(xs.data(), ys.data(), B, T - 1 - t0, s);
  }
  const auto xs = steps(x, T - 1, T), ys = steps(y, T - 1, T);
  return m.loss_sum(xs.data(), ys.data(), B, 1, s) / B;
}

void check_last_step_gradients(const ModelOptions& config, const std::string& truncation) {
  INFO(describe(config) << " truncation " << truncation);
  Model<double> m(config);
  randomize(m, config.seed + 2000);
  const auto x = random_ids(B * T, config.vocab, 21), y = random_ids(B * T, config.vocab, 22);
  const State<double> s0 = random_state(m, B, 23);
  const Truncation tr = Truncation::parse(truncation);
  // The last cut at or before step T-1: the state entering it is a constant of the truncated loss.
  const int t0 = tr.kind == Truncation::Kind::Fixed ? ((T - 1) / tr.tau) * tr.tau : 0;
  State<double> cut = s0;
  if (t0 > 0) {
    const auto xs = steps(x, 0, t0), ys = steps(y, 0, t0);
    m.loss_sum(xs.data(), ys.data(), B, t0, cut);
  }

  Rng rng(1);
  State<double> s = s0;
  Diagnostics d;
  LossOptions options;
  options.loss_steps = LossSteps::Last;
  const double loss = m.loss_and_gradients(x.data(), y.data(), B, T, tr, rng, s, &d, options);
  CHECK(std::abs(loss - last_step_loss(m, x, y, t0, cut)) < 1e-12);
  const std::vector<double> analytic(m.gradients(), m.gradients() + m.parameter_count());

  const double eps = 1e-5;
  for (const auto& info : m.parameter_infos()) {
    double max_diff = 0.0, max_scale = 0.0;
    for (std::size_t i = 0; i < info.size; ++i) {
      double& p = m.parameters()[info.offset + i];
      const double saved = p;
      p = saved + eps;
      const double up = last_step_loss(m, x, y, t0, cut);
      p = saved - eps;
      const double down = last_step_loss(m, x, y, t0, cut);
      p = saved;
      const double numeric = (up - down) / (2 * eps), a = analytic[info.offset + i];
      max_diff = std::max(max_diff, std::abs(a - numeric));
      max_scale = std::max(max_scale, std::abs(a) + std::abs(numeric));
    }
    INFO("tensor " << info.name << " max |a - n| " << max_diff << " scale " << max_scale);
    CHECK(max_scale > 1e-6);
    CHECK(max_diff / std::max(1e-8, max_scale) < 1e-6);
  }
  // Only the last step's loss: the gradient reaching the top layer's h_t for t < T-1 comes through time
  // alone, so with `fixed:tau` it is exactly zero before the last cut.
  for (int t = 0; t < t0; ++t) CHECK(d.hidden_grad_norms.back()[t] == 0.0);
  if (t0 > 0) CHECK(d.hidden_grad_norms.back()[t0] > 0.0);
}
}  // namespace

TEST_CASE("nn lossSteps last: gradient check of every cell, 1-2 layers, one-hot and embedding, full and fixed") {
  std::vector<ModelOptions> configs;
  for (int layers : {1, 2})
    for (int emb : {0, 4}) {
      configs.push_back(small_config(CellType::Rnn, layers, emb, Activation::Tanh));
      configs.push_back(small_config(CellType::Gru, layers, emb, Activation::Tanh, GruVariant::Notes));
      configs.push_back(small_config(CellType::Gru, layers, emb, Activation::Tanh, GruVariant::ResetAfter));
      configs.push_back(small_config(CellType::Lstm, layers, emb));
    }
  for (const auto& c : configs) {
    check_last_step_gradients(c, "full");
    check_last_step_gradients(c, "fixed:4");
  }
}

TEST_CASE("nn lossSteps last: the linear RNN's norms fall as rho^(T-1-t) for rho = 0.5 and grow for rho = 1.5") {
  const int steps_T = 12;
  for (double rho : {0.5, 1.5}) {
    INFO("rho " << rho);
    ModelOptions c = small_config(CellType::Rnn, 1, 0, Activation::Identity);
    Model<double> m(c);
    randomize(m, 31);
    double* W_hh = m.parameter("l0.W_hh");
    for (int i = 0; i < c.hidden * c.hidden; ++i) W_hh[i] = (i % (c.hidden + 1) == 0) ? rho : 0.0;
    CHECK(std::abs(m.spectral_radius("l0.W_hh") - rho) < 1e-12);
    const auto x = random_ids(B * steps_T, c.vocab, 32), y = random_ids(B * steps_T, c.vocab, 33);
    State<double> s = random_state(m, B, 34);
    Rng rng(0);
    Diagnostics d;
    LossOptions options;
    options.loss_steps = LossSteps::Last;
    m.loss_and_gradients(x.data(), y.data(), B, steps_T, Truncation::parse("full"), rng, s, &d, options);
    const auto& norms = d.hidden_grad_norms[0];
    REQUIRE(norms.size() == static_cast<std::size_t>(steps_T));
    REQUIRE(norms.back() > 0.0);
    for (int t = 0; t < steps_T; ++t) {
      const double predicted = std::pow(rho, steps_T - 1 - t) * norms.back();
      INFO("t " << t << " norm " << norms[t] << " predicted " << predicted);
      CHECK(std::abs(norms[t] - predicted) <= 1e-12 * predicted);
      if (t > 0) CHECK((rho < 1 ? norms[t] > norms[t - 1] : norms[t] < norms[t - 1]));
    }
  }
}

TEST_CASE("nn lossSteps last: float agrees with double and 'all' is unchanged by the option") {
  const ModelOptions c = small_config(CellType::Gru, 2, 0);
  Model<double> md(c);
  randomize(md, 41);
  Model<float> mf(c);
  for (std::size_t i = 0; i < md.parameter_count(); ++i) mf.parameters()[i] = static_cast<float>(md.parameters()[i]);
  const auto x = random_ids(B * T, c.vocab, 42), y = random_ids(B * T, c.vocab, 43);
  LossOptions last;
  last.loss_steps = LossSteps::Last;
  Rng r1(0), r2(0), r3(0);
  State<double> sd = md.zero_state(B);
  State<float> sf = mf.zero_state(B);
  const double ld = md.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, r1, sd, nullptr, last);
  const float lf = mf.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, r2, sf, nullptr, last);
  CHECK(std::abs(ld - lf) < 1e-5 * std::abs(ld));
  double max_diff = 0.0, max_abs = 0.0;
  for (std::size_t i = 0; i < md.parameter_count(); ++i) {
    max_diff = std::max(max_diff, std::abs(md.gradients()[i] - double(mf.gradients()[i])));
    max_abs = std::max(max_abs, std::abs(md.gradients()[i]));
  }
  CHECK(max_diff < 1e-5 * max_abs);
  // Without options the loss is LossSteps::All's: the mean of l_t over B and T (the forward-only sum
  // divided by B*T), not the last step's; its gradient is the central difference of that mean (double).
  State<double> s0 = md.zero_state(B), s1 = md.zero_state(B);
  const double sum = md.loss_sum(x.data(), y.data(), B, T, s0);
  const double all = md.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, r3, s1);
  CHECK(all == doctest::Approx(sum / (B * T)).epsilon(1e-12));
  CHECK(std::abs(all - ld) > 1e-3);  // the two losses differ here, so the check above tells them apart
  const std::vector<double> g(md.gradients(), md.gradients() + md.parameter_count());
  double worst = 0.0, scale = 0.0;
  for (std::size_t i = 0; i < md.parameter_count(); i += 7) {  // every 7th parameter: all tensors are hit
    const double keep = md.parameters()[i], eps = 1e-6;
    State<double> sp = md.zero_state(B), sm = md.zero_state(B);
    md.parameters()[i] = keep + eps;
    const double plus = md.loss_sum(x.data(), y.data(), B, T, sp) / (B * T);
    md.parameters()[i] = keep - eps;
    const double minus = md.loss_sum(x.data(), y.data(), B, T, sm) / (B * T);
    md.parameters()[i] = keep;
    const double numeric = (plus - minus) / (2 * eps);
    worst = std::max(worst, std::abs(numeric - g[i]));
    scale = std::max(scale, std::abs(numeric) + std::abs(g[i]));
  }
  CHECK(worst < 1e-6 * std::max(1e-8, scale));
  // The path split is diagnostics only: with it the loss and gradients are those without it, bit for bit.
  State<double> s2 = md.zero_state(B);
  Diagnostics diagnostics;
  const double split = md.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, r3, s2, &diagnostics,
                                             LossOptions{LossSteps::All, true});
  CHECK(split == all);
  CHECK(std::equal(g.begin(), g.end(), md.gradients()));
}
