// The path split of the BPTT lab (gru_cell.h, lstm_cell.h, LossOptions::path_split):
// - the GRU's four terms (both forms) sum to the recurrent dL/dh_prev of gru_step_backward at every step of
//   a sequence (float tolerance in float);
// - each term on its own equals a central difference in double of <dh, h> in which only that path's copy of
//   h_prev is perturbed, through a GRU step written out here in plain Eigen;
// - through the model (H = 1, B = 1, so norms are absolute values): the direct term is
//   |dl/dh_t| (1 - z_t) with z_t from gate_activations, the four terms combine with signs to |dl/dh_(t-1)|,
//   and the LSTM's rest is |dl/dh_(t-1)|; the RNN has no terms.
// Legend: B batch, H hidden, T steps.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/nn/gru_cell.h"
#include "tests/engine/nn/nn_test_util.h"

using namespace seqlab;
using namespace seqlab::nn;
using namespace seqlab::nn::test;

namespace {
template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <class S>
Mat<S> random_matrix(Eigen::Index r, Eigen::Index c, Rng& rng, double scale) {
  Mat<S> m(r, c);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<S>(rng.uniform(-scale, scale));
  return m;
}
template <class S>
MatMap<S> mv(Mat<S>& m) { return view(m.data(), m.rows(), m.cols()); }
template <class S>
ConstMatMap<S> cv(const Mat<S>& m) { return cview(m.data(), m.rows(), m.cols()); }

// One GRU step over T steps forward from random inputs, then at every step: the four terms from
// gru(_ra)_step_paths against dh_prev from gru(_ra)_step_backward, with a random dh.
template <class S>
void check_terms_sum(bool reset_after, double tolerance) {
  INFO((reset_after ? "reset_after" : "notes") << " " << sizeof(S) * 8 << "-bit");
  const int B = 4, H = 6, T = 8;
  Rng rng(reset_after ? 51 : 52);
  const Mat<S> W_h = random_matrix<S>(3 * H, H, rng, 0.9), b_hh = random_matrix<S>(1, H, rng, 0.5);
  GemmScratch<S> scratch;
  Mat<S> h_prev = random_matrix<S>(B, H, rng, 0.8);
  for (int t = 0; t < T; ++t) {
    const Mat<S> xp = random_matrix<S>(B, 3 * H, rng, 1.5), dh = random_matrix<S>(B, H, rng, 1.0);
    Mat<S> gates(B, 3 * H), aux(B, H), h(B, H), dA(B, 3 * H), dA_h(B, 3 * H), drh(B, H), dh_prev(B, H);
    Mat<S> direct(B, H), update(B, H), candidate(B, H), reset(B, H), tmp(B, H);
    if (reset_after) {
      gru_ra_step_forward<S>(cv(xp), cv(h_prev), cv(W_h), cv(b_hh), mv(gates), mv(aux), mv(h), scratch);
      gru_ra_step_backward<S>(cv(dh), cv(gates), cv(aux), cv(h_prev), cv(W_h), mv(dA), mv(dA_h), mv(dh_prev), scratch);
      gru_ra_step_paths<S>(cv(dh), cv(gates), cv(aux), cv(h_prev), cv(W_h), mv(direct), mv(update), mv(candidate),
                           mv(reset), mv(tmp), scratch);
    } else {
      gru_step_forward<S>(cv(xp), cv(h_prev), cv(W_h), mv(gates), mv(aux), mv(h), scratch);
      gru_step_backward<S>(cv(dh), cv(gates), cv(h_prev), cv(W_h), mv(dA), mv(drh), mv(dh_prev), scratch);
      gru_step_paths<S>(cv(dh), cv(gates), cv(h_prev), cv(W_h), mv(direct), mv(update), mv(candidate), mv(reset),
                        mv(tmp), scratch);
    }
    const Mat<S> sum = direct + update + candidate + reset;
    INFO("step " << t);
    CHECK((sum - dh_prev).cwiseAbs().maxCoeff() <= tolerance * dh_prev.cwiseAbs().maxCoeff());
    for (const Mat<S>* term : {&direct, &update, &candidate, &reset}) CHECK(term->cwiseAbs().maxCoeff() > 1e-3);
    h_prev = h;
  }
}

// A GRU step written out with one copy of h_prev per path: h(hd, hz, hc, hr) (the order of the terms) with
// hd the direct copy, hz the update gate's input, hc the candidate's (notes: inside r * hc; reset_after:
// inside r * (hc W_hh^T + b_hh)), hr the reset gate's input. <dh, h> differentiated in one copy is that path's term.
struct GruByHand {
  bool reset_after;
  Mat<double> xp, W_h, b_hh, dh;  // (B, 3H), (3H, H), (1, H), (B, H)
  double objective(const Mat<double>& hd, const Mat<double>& hz, const Mat<double>& hc, const Mat<double>& hr) const {
    const Eigen::Index H = hd.cols();
    const auto sigmoid = [](const Mat<double>& a) { return Mat<double>((1.0 + (-a.array()).exp()).inverse()); };
    const Mat<double> z = sigmoid(xp.leftCols(H) + hz * W_h.topRows(H).transpose());
    const Mat<double> r = sigmoid(xp.middleCols(H, H) + hr * W_h.middleRows(H, H).transpose());
    Mat<double> a = xp.rightCols(H);
    if (reset_after) {
      const Mat<double> hn = (hc * W_h.bottomRows(H).transpose()).rowwise() + b_hh.row(0);
      a.array() += r.array() * hn.array();
    } else {
      const Mat<double> rh = r.array() * hc.array();
      a += rh * W_h.bottomRows(H).transpose();
    }
    const Mat<double> ht = a.array().tanh();
    const Mat<double> h = (1.0 - z.array()) * hd.array() + z.array() * ht.array();
    return (dh.array() * h.array()).sum();
  }
};

void check_terms_by_finite_differences(bool reset_after) {
  INFO((reset_after ? "reset_after" : "notes"));
  const int B = 3, H = 4;
  Rng rng(reset_after ? 61 : 62);
  GruByHand g{reset_after, random_matrix<double>(B, 3 * H, rng, 1.5), random_matrix<double>(3 * H, H, rng, 0.9),
              random_matrix<double>(1, H, rng, 0.5), random_matrix<double>(B, H, rng, 1.0)};
  const Mat<double> h_prev = random_matrix<double>(B, H, rng, 0.8);
  GemmScratch<double> scratch;
  Mat<double> gates(B, 3 * H), aux(B, H), h(B, H), tmp(B, H);
  std::vector<Mat<double>> terms(4, Mat<double>(B, H));
  if (reset_after) {
    gru_ra_step_forward<double>(cv(g.xp), cv(h_prev), cv(g.W_h), cv(g.b_hh), mv(gates), mv(aux), mv(h), scratch);
    gru_ra_step_paths<double>(cv(g.dh), cv(gates), cv(aux), cv(h_prev), cv(g.W_h), mv(terms[0]), mv(terms[1]),
                              mv(terms[2]), mv(terms[3]), mv(tmp), scratch);
  } else {
    gru_step_forward<double>(cv(g.xp), cv(h_prev), cv(g.W_h), mv(gates), mv(aux), mv(h), scratch);
    gru_step_paths<double>(cv(g.dh), cv(gates), cv(h_prev), cv(g.W_h), mv(terms[0]), mv(terms[1]), mv(terms[2]),
                           mv(terms[3]), mv(tmp), scratch);
  }
  // The hand-written step reproduces the engine's forward (same <dh, h>).
  CHECK(std::abs(g.objective(h_prev, h_prev, h_prev, h_prev) - (g.dh.array() * h.array()).sum()) < 1e-12);
  const char* names[] = {"direct", "update", "candidate", "reset"};
  const double eps = 1e-6;
  for (int k = 0; k < 4; ++k) {
    Mat<double> numeric(B, H);
    for (Eigen::Index i = 0; i < h_prev.size(); ++i) {
      std::vector<Mat<double>> up(4, h_prev), down(4, h_prev);
      up[k].data()[i] += eps;
      down[k].data()[i] -= eps;
      numeric.data()[i] =
          (g.objective(up[0], up[1], up[2], up[3]) - g.objective(down[0], down[1], down[2], down[3])) / (2 * eps);
    }
    INFO("term " << names[k] << "\nengine\n" << terms[k] << "\nnumeric\n" << numeric);
    CHECK(numeric.cwiseAbs().maxCoeff() > 1e-3);
    CHECK((terms[k] - numeric).cwiseAbs().maxCoeff() < 1e-8 * std::max(1.0, numeric.cwiseAbs().maxCoeff()));
  }
}
}  // namespace

TEST_CASE("nn path split: the four GRU terms sum to dh_prev at every step (both forms, float and double)") {
  for (bool ra : {false, true}) {
    check_terms_sum<float>(ra, 1e-5);
    check_terms_sum<double>(ra, 1e-13);
  }
}

TEST_CASE("nn path split: each GRU term equals a finite difference through its own copy of h_prev") {
  check_terms_by_finite_differences(false);
  check_terms_by_finite_differences(true);
}

TEST_CASE("nn path split: the model's path norms, their step index and the RNN's absence of terms") {
  const int T = 7;
  const auto x = random_ids(T, 7, 71), y = random_ids(T, 7, 72);
  LossOptions options;
  options.loss_steps = LossSteps::Last;
  options.path_split = true;
  for (auto cell : {CellType::Gru, CellType::Lstm})
    for (auto variant : {GruVariant::Notes, GruVariant::ResetAfter}) {
      if (cell == CellType::Lstm && variant == GruVariant::ResetAfter) continue;
      ModelOptions c = small_config(cell, 1, 0, Activation::Tanh, variant);
      c.hidden = 1;  // norms of (1, 1) rows are absolute values: the terms' signs can be recombined
      INFO(describe(c));
      Model<double> m(c);
      randomize(m, 73, 1.5);
      State<double> s = m.zero_state(1);
      Rng rng(0);
      Diagnostics d;
      m.loss_and_gradients(x.data(), y.data(), 1, T, Truncation{}, rng, s, &d, options);
      const auto gates = m.gate_activations(x.data(), T);
      REQUIRE(d.path_norms.size() == 1);
      REQUIRE(d.path_norms[0].size() == static_cast<std::size_t>(T));
      const auto& norms = d.hidden_grad_norms[0];
      if (cell == CellType::Gru) {
        CHECK(d.path_terms == std::vector<std::string>{"direct", "update", "candidate", "reset"});
        REQUIRE(gates[0].first == "l0.z");
        for (int t = 0; t < T; ++t) {
          const auto& p = d.path_norms[0][t];
          INFO("t " << t);
          CHECK(std::abs(p[0] - norms[t] * (1.0 - gates[0].second(t, 0))) < 1e-12);
          // With the loss on the last step only, dl/dh_(t-1) is exactly what step t sends back.
          if (t > 0) {
            double best = 1e300;
            for (int signs = 0; signs < 16; ++signs) {
              double v = 0.0;
              for (int k = 0; k < 4; ++k) v += (signs >> k & 1 ? -1.0 : 1.0) * p[k];
              best = std::min(best, std::abs(std::abs(v) - norms[t - 1]));
            }
            CHECK(best < 1e-12);
          }
        }
      } else {
        CHECK(d.path_terms == std::vector<std::string>{"cell", "rest"});
        for (int t = 1; t < T; ++t) CHECK(std::abs(d.path_norms[0][t][1] - norms[t - 1]) < 1e-12);
        for (int t = 0; t < T; ++t) CHECK(d.path_norms[0][t][0] > 0.0);
      }
    }
  ModelOptions c = small_config(CellType::Rnn, 2, 0);
  Model<double> m(c);
  State<double> s = m.zero_state(1);
  Rng rng(0);
  Diagnostics d;
  m.loss_and_gradients(x.data(), y.data(), 1, T, Truncation{}, rng, s, &d, options);
  CHECK(d.path_terms.empty());
  CHECK(d.path_norms.empty());
  CHECK(d.hidden_grad_norms.size() == 2);
}
