// sgemm (and sgemm_eigen) against a naive triple loop in double, over shapes that hit every edge of the
// SIMD kernels' blocking (4x8 and 4x4 broadcast blocks, 2x4 dot blocks, k % 4 tails, k chunks of 512),
// every transposition, leading dimensions wider than the rows, alpha and beta.
// Legend: m, n rows and columns of C; k the inner dimension.
#include <doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/gemm.h"
#include "engine/core/rng.h"

namespace {

using Gemm = void (*)(bool, bool, int, int, int, float, const float*, int, const float*, int, float, float*, int);

struct Case {
  bool ta, tb;
  int m, n, k;
  float alpha, beta;
  int pad;  // extra elements at the end of every row (leading dimension > row length)
};

std::vector<float> random_vector(std::size_t n, seqlab::Rng& rng) {
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(rng.uniform(-1.0, 1.0));
  return v;
}

// Runs one case through `gemm` and returns the largest error relative to sum_p |a||b| (the size of the
// rounding a float accumulation can make), comparing every element of C, padding included (it must not move).
double max_scaled_error(Gemm gemm, const Case& c, seqlab::Rng& rng) {
  const int a_rows = c.ta ? c.k : c.m, a_cols = c.ta ? c.m : c.k;
  const int b_rows = c.tb ? c.n : c.k, b_cols = c.tb ? c.k : c.n;
  const int lda = a_cols + c.pad, ldb = b_cols + c.pad, ldc = c.n + c.pad;
  const auto A = random_vector(static_cast<std::size_t>(a_rows) * lda, rng);
  const auto B = random_vector(static_cast<std::size_t>(b_rows) * ldb, rng);
  const auto C0 = random_vector(static_cast<std::size_t>(c.m) * ldc, rng);
  auto a = [&](int i, int p) { return double(c.ta ? A[std::size_t(p) * lda + i] : A[std::size_t(i) * lda + p]); };
  auto b = [&](int p, int j) { return double(c.tb ? B[std::size_t(j) * ldb + p] : B[std::size_t(p) * ldb + j]); };
  auto C = C0;
  gemm(c.ta, c.tb, c.m, c.n, c.k, c.alpha, A.data(), lda, B.data(), ldb, c.beta, C.data(), ldc);
  double worst = 0.0;
  for (int i = 0; i < c.m; ++i)
    for (int j = 0; j < ldc; ++j) {
      const std::size_t at = std::size_t(i) * ldc + j;
      if (j >= c.n) {  // padding: untouched
        if (C[at] != C0[at]) return 1e30;
        continue;
      }
      double sum = 0.0, scale = 1.0;
      for (int p = 0; p < c.k; ++p) {
        sum += a(i, p) * b(p, j);
        scale += std::fabs(a(i, p) * b(p, j));
      }
      const double expected = (c.beta == 0.0f ? 0.0 : double(c.beta) * C0[at]) + double(c.alpha) * sum;
      worst = std::max(worst, std::fabs(double(C[at]) - expected) / scale);
    }
  return worst;
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  const int sizes[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 17, 33};
  const int ks[] = {1, 3, 4, 5, 8, 11, 16, 37};
  for (int t = 0; t < 4; ++t)
    for (int m : sizes)
      for (int n : sizes)
        for (int k : ks) {
          const bool ta = (t & 1) != 0, tb = (t & 2) != 0;
          // alpha, beta and padding vary with the shape so that every combination meets many shapes.
          const float alphas[] = {1.0f, -0.5f, 2.0f};
          const float betas[] = {1.0f, 0.0f, 0.25f};
          cases.push_back({ta, tb, m, n, k, alphas[(m + k) % 3], betas[(n + k) % 3], (m + n) % 3});
        }
  return cases;
}

void check_all(Gemm gemm, const char* name) {
  seqlab::Rng rng(2024);
  int checked = 0;
  for (const Case& c : all_cases()) {
    CAPTURE(name);
    CAPTURE(c.ta);
    CAPTURE(c.tb);
    CAPTURE(c.m);
    CAPTURE(c.n);
    CAPTURE(c.k);
    CAPTURE(c.alpha);
    CAPTURE(c.beta);
    CAPTURE(c.pad);
    const double err = max_scaled_error(gemm, c, rng);
    if (err > 1e-6) CHECK(err <= 1e-6);  // one CHECK per failure, not 14,000 passing assertions
    ++checked;
  }
  CHECK(checked == 4 * 12 * 12 * 8);
}

}  // namespace

TEST_CASE("gemm: sgemm matches a double triple loop over every edge shape, transposition, alpha and beta") {
  check_all(seqlab::sgemm, "sgemm");
}

TEST_CASE("gemm: sgemm_eigen (the benchmark's reference) matches the triple loop too") {
  check_all(seqlab::sgemm_eigen, "sgemm_eigen");
}

TEST_CASE("gemm: the recurrent hot loop's shapes, including long k (chunked) and GRU-sized blocks") {
  // (B, H) x W^T (3H, H); dG (B, 3H) x W (3H, H); dG^T (3H, T*B) x H (T*B, H); the output layer's (T*B, V).
  const Case cases[] = {
      {false, true, 32, 768, 256, 1.0f, 1.0f, 0},   {false, false, 32, 256, 768, 1.0f, 1.0f, 0},
      {true, false, 768, 256, 32, 1.0f, 1.0f, 0},   {true, false, 768, 256, 1120, 1.0f, 1.0f, 0},
      {false, true, 1120, 28, 256, 1.0f, 0.0f, 0},  {false, false, 1120, 256, 28, 1.0f, 1.0f, 0},
      {true, false, 28, 256, 1120, 1.0f, 1.0f, 0},  {false, true, 33, 515, 1029, -1.0f, 0.5f, 3},
  };
  seqlab::Rng rng(7);
  for (const Case& c : cases) {
    CAPTURE(c.ta);
    CAPTURE(c.tb);
    CAPTURE(c.m);
    CAPTURE(c.n);
    CAPTURE(c.k);
    CHECK(max_scaled_error(seqlab::sgemm, c, rng) <= 1e-6);
  }
}

TEST_CASE("gemm: empty products, beta = 0 clears NaN, bad sizes are errors") {
  std::vector<float> A(16, 1.0f), B(16, 1.0f), C(16, 5.0f);
  // k = 0: C = beta * C only.
  seqlab::sgemm(false, false, 2, 2, 0, 1.0f, A.data(), 1, B.data(), 2, 0.5f, C.data(), 2);
  CHECK(C[0] == 2.5f);
  CHECK(C[3] == 2.5f);
  CHECK(C[4] == 5.0f);  // outside the 2x2 C
  // m = 0 or n = 0: nothing is touched.
  seqlab::sgemm(false, false, 0, 2, 2, 1.0f, A.data(), 2, B.data(), 2, 0.0f, C.data(), 2);
  seqlab::sgemm(false, false, 2, 0, 2, 1.0f, A.data(), 2, B.data(), 1, 0.0f, C.data(), 1);
  CHECK(C[0] == 2.5f);
  // beta = 0 overwrites even NaN.
  std::vector<float> D(4, std::nanf(""));
  seqlab::sgemm(false, false, 2, 2, 2, 1.0f, A.data(), 2, B.data(), 2, 0.0f, D.data(), 2);
  for (float d : D) CHECK(d == 2.0f);
  CHECK_THROWS_AS(seqlab::sgemm(false, false, -1, 2, 2, 1.0f, A.data(), 2, B.data(), 2, 0.0f, C.data(), 2),
                  seqlab::Error);
  CHECK_THROWS_WITH(seqlab::sgemm(false, false, 2, 2, 3, 1.0f, A.data(), 2, B.data(), 2, 0.0f, C.data(), 2),
                    doctest::Contains("lda=2"));
  const std::string backend = seqlab::sgemm_backend();
  CHECK((backend == "eigen" || backend == "wasm_simd128"));
}
