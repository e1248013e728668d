// The GRU (both forms) and LSTM step functions compute their elementwise work row by row (row_part in
// cell_common.h). Here one step forward and backward of each, in float and double, is checked against the
// equations of its header written out as whole-matrix expressions in double, with exp-based sigmoid and
// std::tanh, on random inputs: H = 13 leaves a tail that no SIMD width divides, B = 4 and H = 32 does not.
// Legend: B batch, H hidden.
#include <doctest.h>

#include <cmath>
#include <cstdint>

#include <Eigen/Core>

#include "engine/core/rng.h"
#include "engine/nn/gru_cell.h"
#include "engine/nn/lstm_cell.h"

using namespace seqlab;
using namespace seqlab::nn;

namespace {
using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class S>
using MatS = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Mat random_mat(Eigen::Index r, Eigen::Index c, double scale, Rng& rng) {
  Mat m(r, c);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform(-scale, scale);
  return m;
}
Mat sigmoid(const Mat& a) { return (1.0 + (-a.array()).exp()).inverse().matrix(); }
Mat tanh_of(const Mat& a) { return a.array().tanh().matrix(); }
Mat mul(const Mat& a, const Mat& b) { return a.cwiseProduct(b); }
Mat one_minus(const Mat& a) { return (1.0 - a.array()).matrix(); }
Mat block_cols(const Mat& m, Eigen::Index c0, Eigen::Index n) { return m.middleCols(c0, n); }

template <class S>
MatS<S> to(const Mat& m) {
  return m.cast<S>();
}
template <class S>
MatMap<S> mview(MatS<S>& m) {
  return view(m.data(), m.rows(), m.cols());
}
template <class S>
ConstMatMap<S> cmap(const MatS<S>& m) {
  return cview(m.data(), m.rows(), m.cols());
}

// Largest |kernel - reference| over the matrix.
template <class S>
double max_diff(const MatS<S>& got, const Mat& want) {
  REQUIRE(got.rows() == want.rows());
  REQUIRE(got.cols() == want.cols());
  return (got.template cast<double>() - want).cwiseAbs().maxCoeff();
}

template <class S>
double tolerance() {
  return sizeof(S) == sizeof(float) ? 2e-5 : 1e-12;
}

template <class S>
void check_gru_notes(Eigen::Index B, Eigen::Index H, std::uint64_t seed) {
  Rng rng(seed);
  const Mat xp = random_mat(B, 3 * H, 1.0, rng), h_prev = random_mat(B, H, 0.9, rng),
            W_h = random_mat(3 * H, H, 0.3, rng), dh = random_mat(B, H, 1.0, rng);
  // Reference: the header's notes form.
  const Mat W_hzr = W_h.topRows(2 * H), W_hh = W_h.bottomRows(H);
  const Mat zr = sigmoid(block_cols(xp, 0, 2 * H) + h_prev * W_hzr.transpose());
  const Mat z = block_cols(zr, 0, H), r = block_cols(zr, H, H), rh = mul(r, h_prev);
  const Mat ht = tanh_of(block_cols(xp, 2 * H, H) + rh * W_hh.transpose());
  const Mat h = h_prev + mul(z, ht - h_prev);
  const Mat da_h = mul(mul(dh, z), one_minus(mul(ht, ht)));
  const Mat da_z = mul(mul(mul(dh, ht - h_prev), z), one_minus(z));
  const Mat drh = da_h * W_hh;
  const Mat da_r = mul(mul(mul(drh, h_prev), r), one_minus(r));
  Mat dA(B, 3 * H);
  dA << da_z, da_r, da_h;
  const Mat dh_prev = mul(dh, one_minus(z)) + mul(drh, r) + dA.leftCols(2 * H) * W_hzr;

  const MatS<S> xp_s = to<S>(xp), h_prev_s = to<S>(h_prev), W_h_s = to<S>(W_h), dh_s = to<S>(dh);
  MatS<S> gates(B, 3 * H), rh_s(B, H), h_s(B, H), dA_s(B, 3 * H), drh_s(B, H), dh_prev_s(B, H);
  GemmScratch<S> scratch;
  gru_step_forward<S>(cmap<S>(xp_s), cmap<S>(h_prev_s), cmap<S>(W_h_s), mview<S>(gates), mview<S>(rh_s), mview<S>(h_s),
                      scratch);
  Mat gates_ref(B, 3 * H);
  gates_ref << z, r, ht;
  CHECK(max_diff<S>(gates, gates_ref) < tolerance<S>());
  CHECK(max_diff<S>(rh_s, rh) < tolerance<S>());
  CHECK(max_diff<S>(h_s, h) < tolerance<S>());
  gru_step_backward<S>(cmap<S>(dh_s), cmap<S>(gates), cmap<S>(h_prev_s), cmap<S>(W_h_s), mview<S>(dA_s),
                       mview<S>(drh_s), mview<S>(dh_prev_s), scratch);
  CHECK(max_diff<S>(dA_s, dA) < tolerance<S>());
  CHECK(max_diff<S>(dh_prev_s, dh_prev) < tolerance<S>());
}

template <class S>
void check_gru_reset_after(Eigen::Index B, Eigen::Index H, std::uint64_t seed) {
  Rng rng(seed);
  const Mat xp = random_mat(B, 3 * H, 1.0, rng), h_prev = random_mat(B, H, 0.9, rng),
            W_h = random_mat(3 * H, H, 0.3, rng), b_hh = random_mat(1, H, 0.5, rng), dh = random_mat(B, H, 1.0, rng);
  // Reference: the header's reset_after form.
  const Mat hw = h_prev * W_h.transpose();
  const Mat zr = sigmoid(block_cols(xp, 0, 2 * H) + block_cols(hw, 0, 2 * H));
  const Mat z = block_cols(zr, 0, H), r = block_cols(zr, H, H);
  const Mat hn = block_cols(hw, 2 * H, H) + b_hh.replicate(B, 1);
  const Mat ht = tanh_of(block_cols(xp, 2 * H, H) + mul(r, hn));
  const Mat h = h_prev + mul(z, ht - h_prev);
  const Mat da_h = mul(mul(dh, z), one_minus(mul(ht, ht)));
  const Mat da_z = mul(mul(mul(dh, ht - h_prev), z), one_minus(z));
  const Mat da_r = mul(mul(mul(da_h, hn), r), one_minus(r));
  Mat dA_x(B, 3 * H), dA_h(B, 3 * H);
  dA_x << da_z, da_r, da_h;
  dA_h << da_z, da_r, mul(da_h, r);
  const Mat dh_prev = mul(dh, one_minus(z)) + dA_h * W_h;

  const MatS<S> xp_s = to<S>(xp), h_prev_s = to<S>(h_prev), W_h_s = to<S>(W_h), b_hh_s = to<S>(b_hh),
                dh_s = to<S>(dh);
  MatS<S> gates(B, 3 * H), hn_s(B, H), h_s(B, H), dA_x_s(B, 3 * H), dA_h_s(B, 3 * H), dh_prev_s(B, H);
  GemmScratch<S> scratch;
  gru_ra_step_forward<S>(cmap<S>(xp_s), cmap<S>(h_prev_s), cmap<S>(W_h_s), cmap<S>(b_hh_s), mview<S>(gates),
                         mview<S>(hn_s), mview<S>(h_s), scratch);
  Mat gates_ref(B, 3 * H);
  gates_ref << z, r, ht;
  CHECK(max_diff<S>(gates, gates_ref) < tolerance<S>());
  CHECK(max_diff<S>(hn_s, hn) < tolerance<S>());
  CHECK(max_diff<S>(h_s, h) < tolerance<S>());
  gru_ra_step_backward<S>(cmap<S>(dh_s), cmap<S>(gates), cmap<S>(hn_s), cmap<S>(h_prev_s), cmap<S>(W_h_s),
                          mview<S>(dA_x_s), mview<S>(dA_h_s), mview<S>(dh_prev_s), scratch);
  CHECK(max_diff<S>(dA_x_s, dA_x) < tolerance<S>());
  CHECK(max_diff<S>(dA_h_s, dA_h) < tolerance<S>());
  CHECK(max_diff<S>(dh_prev_s, dh_prev) < tolerance<S>());
}

template <class S>
void check_lstm(Eigen::Index B, Eigen::Index H, std::uint64_t seed) {
  Rng rng(seed);
  const Mat xp = random_mat(B, 4 * H, 1.0, rng), h_prev = random_mat(B, H, 0.9, rng),
            c_prev = random_mat(B, H, 1.5, rng), W_h = random_mat(4 * H, H, 0.3, rng), dh = random_mat(B, H, 1.0, rng),
            dc = random_mat(B, H, 1.0, rng);
  // Reference: the header's equations.
  const Mat A = xp + h_prev * W_h.transpose();
  const Mat i = sigmoid(block_cols(A, 0, H)), f = sigmoid(block_cols(A, H, H)), o = sigmoid(block_cols(A, 2 * H, H));
  const Mat g = tanh_of(block_cols(A, 3 * H, H));
  const Mat c = mul(f, c_prev) + mul(i, g), tc = tanh_of(c), h = mul(o, tc);
  const Mat dct = dc + mul(mul(dh, o), one_minus(mul(tc, tc)));
  Mat dA(B, 4 * H);
  dA << mul(mul(mul(dct, g), i), one_minus(i)), mul(mul(mul(dct, c_prev), f), one_minus(f)),
      mul(mul(mul(dh, tc), o), one_minus(o)), mul(mul(dct, i), one_minus(mul(g, g)));
  const Mat dc_prev = mul(dct, f), dh_prev = dA * W_h;

  const MatS<S> xp_s = to<S>(xp), h_prev_s = to<S>(h_prev), c_prev_s = to<S>(c_prev), W_h_s = to<S>(W_h),
                dh_s = to<S>(dh), dc_s = to<S>(dc);
  MatS<S> gates(B, 4 * H), c_s(B, H), tc_s(B, H), h_s(B, H), dA_s(B, 4 * H), dh_prev_s(B, H), dc_prev_s(B, H);
  GemmScratch<S> scratch;
  lstm_step_forward<S>(cmap<S>(xp_s), cmap<S>(h_prev_s), cmap<S>(c_prev_s), cmap<S>(W_h_s), mview<S>(gates),
                       mview<S>(c_s), mview<S>(tc_s), mview<S>(h_s), scratch);
  Mat gates_ref(B, 4 * H);
  gates_ref << i, f, o, g;
  CHECK(max_diff<S>(gates, gates_ref) < tolerance<S>());
  CHECK(max_diff<S>(c_s, c) < tolerance<S>());
  CHECK(max_diff<S>(tc_s, tc) < tolerance<S>());
  CHECK(max_diff<S>(h_s, h) < tolerance<S>());
  lstm_step_backward<S>(cmap<S>(dh_s), cmap<S>(dc_s), cmap<S>(gates), cmap<S>(c_prev_s), cmap<S>(tc_s),
                        cmap<S>(W_h_s), mview<S>(dA_s), mview<S>(dh_prev_s), mview<S>(dc_prev_s), scratch);
  CHECK(max_diff<S>(dA_s, dA) < tolerance<S>());
  CHECK(max_diff<S>(dc_prev_s, dc_prev) < tolerance<S>());
  CHECK(max_diff<S>(dh_prev_s, dh_prev) < tolerance<S>());
}
}  // namespace

TEST_CASE("nn step kernels: GRU notes form, forward and backward, equal the header's equations (float, double)") {
  check_gru_notes<float>(3, 13, 301);
  check_gru_notes<float>(4, 32, 302);
  check_gru_notes<double>(3, 13, 303);
  check_gru_notes<double>(4, 32, 304);
}

TEST_CASE("nn step kernels: GRU reset_after, forward and backward, equal the header's equations (float, double)") {
  check_gru_reset_after<float>(3, 13, 311);
  check_gru_reset_after<float>(4, 32, 312);
  check_gru_reset_after<double>(3, 13, 313);
  check_gru_reset_after<double>(4, 32, 314);
}

TEST_CASE("nn step kernels: LSTM forward and backward equal the header's equations (float, double)") {
  check_lstm<float>(3, 13, 321);
  check_lstm<float>(4, 32, 322);
  check_lstm<double>(3, 13, 323);
  check_lstm<double>(4, 32, 324);
}
