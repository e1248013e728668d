// Single-precision GEMM: hand-written WebAssembly SIMD128 kernels, Eigen elsewhere (see gemm.h).
// Legend: m, n rows and columns of C; k the inner dimension; MR x NR the block of C a kernel holds.
#include "engine/core/gemm.h"

#include <Eigen/Core>
#include <algorithm>
#include <string>

#include "engine/core/error.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace seqlab {
namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Map = Eigen::Map<RowMat, 0, Eigen::OuterStride<>>;
using ConstMap = Eigen::Map<const RowMat, 0, Eigen::OuterStride<>>;

void check_args(bool transA, bool transB, int m, int n, int k, int lda, int ldb, int ldc) {
  if (m < 0 || n < 0 || k < 0)
    throw Error("sgemm: sizes must be >= 0, got m=" + std::to_string(m) + " n=" + std::to_string(n) +
                " k=" + std::to_string(k));
  const int a_cols = transA ? m : k, b_cols = transB ? k : n;
  if (lda < std::max(1, a_cols) || ldb < std::max(1, b_cols) || ldc < std::max(1, n))
    throw Error("sgemm: leading dimensions must be >= the stored row length (lda >= " +
                std::to_string(a_cols) + ", ldb >= " + std::to_string(b_cols) + ", ldc >= " + std::to_string(n) +
                "), got lda=" + std::to_string(lda) + " ldb=" + std::to_string(ldb) + " ldc=" + std::to_string(ldc));
}

// C = beta * C, with beta == 0 meaning "overwrite" (NaN in C must not survive).
void scale_c(int m, int n, float beta, float* C, int ldc) {
  if (beta == 1.0f) return;
  for (int i = 0; i < m; ++i) {
    float* c = C + static_cast<std::ptrdiff_t>(i) * ldc;
    if (beta == 0.0f)
      std::fill(c, c + n, 0.0f);
    else
      for (int j = 0; j < n; ++j) c[j] *= beta;
  }
}

void eigen_product(bool transA, bool transB, int m, int n, int k, float alpha, const float* A, int lda,
                   const float* B, int ldb, float* C, int ldc) {
  Map c(C, m, n, Eigen::OuterStride<>(ldc));
  const ConstMap a(A, transA ? k : m, transA ? m : k, Eigen::OuterStride<>(lda));
  const ConstMap b(B, transB ? n : k, transB ? k : n, Eigen::OuterStride<>(ldb));
  if (!transA && !transB) c.noalias() += alpha * (a * b);
  else if (!transA && transB) c.noalias() += alpha * (a * b.transpose());
  else if (transA && !transB) c.noalias() += alpha * (a.transpose() * b);
  else c.noalias() += alpha * (a.transpose() * b.transpose());
}

#if defined(__wasm_simd128__)
// ---- broadcast kernels: op(B) = B ------------------------------------------------------------------------
// C[0..MR)[0..4*NV) += alpha * sum_p op(A)(r, p) * B(p, :). A points at op(A)'s row 0: element (r, p) is
// A[p * lda + r] when TA (A stored (k, m)), else A[r * lda + p]. MR * NV <= 8 accumulators: with the two B
// vectors and the splat V8 keeps everything in its 15 xmm registers (more accumulators spill).
template <int MR, int NV, bool TA>
inline void kernel_broadcast(int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C,
                             int ldc) {
  v128_t acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_splat(0.0f);
  // Pointers step through k instead of being recomputed from p: Emscripten disables LLVM's loop strength
  // reduction (-disable-lsr), so an index expression would cost a multiply per row per step.
  const float* b = B;
  const float* a[MR];
  for (int r = 0; r < MR; ++r) a[r] = TA ? A + r : A + static_cast<std::ptrdiff_t>(r) * lda;
  const std::ptrdiff_t a_step = TA ? lda : 1;
  for (int p = 0; p < k; ++p) {
    v128_t bv[NV];
    for (int v = 0; v < NV; ++v) bv[v] = wasm_v128_load(b + 4 * v);
    for (int r = 0; r < MR; ++r) {
      const v128_t av = wasm_v128_load32_splat(a[r]);
      for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(av, bv[v]));
      a[r] += a_step;
    }
    b += ldb;
  }
  const v128_t al = wasm_f32x4_splat(alpha);
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) {
      float* c = C + static_cast<std::ptrdiff_t>(r) * ldc + 4 * v;
      wasm_v128_store(c, wasm_f32x4_add(wasm_v128_load(c), wasm_f32x4_mul(al, acc[r][v])));
    }
}

// A block of `rows` (1-4) rows of C and 4 * NV columns.
template <int NV, bool TA>
inline void block_broadcast(int rows, int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C,
                            int ldc) {
  switch (rows) {
    case 4: kernel_broadcast<4, NV, TA>(k, alpha, A, lda, B, ldb, C, ldc); break;
    case 3: kernel_broadcast<3, NV, TA>(k, alpha, A, lda, B, ldb, C, ldc); break;
    case 2: kernel_broadcast<2, NV, TA>(k, alpha, A, lda, B, ldb, C, ldc); break;
    case 1: kernel_broadcast<1, NV, TA>(k, alpha, A, lda, B, ldb, C, ldc); break;
    default: break;
  }
}

// op(A) (m, k) * B (k, n), accumulated into C with alpha: blocks of 4 rows x 8 columns (then 4 columns, then
// scalar columns), k in chunks of kc. The loop order follows the shape. With few rows (the per-step products,
// m = B) a strip of B (kc x 8) stays in L1 while every row block passes over it. With many rows (the weight
// gradients, m = G*H, op(A) = dA^T over T*B rows) op(A) is larger than L2 and would be streamed again for
// every strip, so rows go outside: a row block of op(A) (4 x kc) stays in L1, the chunk of B in L2.
template <bool TA>
void product_broadcast(int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C,
                       int ldc) {
  constexpr int kc = 256;
  const bool rows_outer = m >= 64;
  const int n8 = n - n % 8, n4 = n - n % 4;
  for (int p0 = 0; p0 < k; p0 += kc) {
    const int kb = std::min(kc, k - p0);
    auto run = [&](int i, int j) {
      const float* a = TA ? A + static_cast<std::ptrdiff_t>(p0) * lda + i : A + static_cast<std::ptrdiff_t>(i) * lda + p0;
      const float* b = B + static_cast<std::ptrdiff_t>(p0) * ldb + j;
      float* c = C + static_cast<std::ptrdiff_t>(i) * ldc + j;
      const int rows = std::min(4, m - i);
      if (j < n8)
        block_broadcast<2, TA>(rows, kb, alpha, a, lda, b, ldb, c, ldc);
      else
        block_broadcast<1, TA>(rows, kb, alpha, a, lda, b, ldb, c, ldc);
    };
    if (rows_outer && TA) {
      // The weight gradients (op(A) = dA^T, stored (k, m)): read in place, the 4 values of op(A) a step needs
      // sit one stored row (G*H floats, 1-4 KB) apart, so the block's 256 rows fall in a handful of L1 sets
      // and miss for every 8-column strip of C. Packed once per row block (kb x 4, contiguous on the stack),
      // they stay in L1 while every strip passes. (Packing B's chunk too, into a static buffer, measured slower.)
      alignas(16) float pa[kc * 4];
      for (int i = 0; i < m; i += 4) {
        const int rows = std::min(4, m - i);
        const float* src = A + static_cast<std::ptrdiff_t>(p0) * lda + i;
        if (rows == 4) {
          for (int p = 0; p < kb; ++p, src += lda) wasm_v128_store(pa + 4 * p, wasm_v128_load(src));
        } else {
          for (int p = 0; p < kb; ++p, src += lda)
            for (int r = 0; r < rows; ++r) pa[4 * p + r] = src[r];
        }
        float* c = C + static_cast<std::ptrdiff_t>(i) * ldc;
        for (int j = 0; j < n8; j += 8)
          block_broadcast<2, true>(rows, kb, alpha, pa, 4, B + static_cast<std::ptrdiff_t>(p0) * ldb + j, ldb, c + j, ldc);
        if (n8 < n4) run(i, n8);
      }
    } else if (rows_outer) {
      for (int i = 0; i < m; i += 4)
        for (int j = 0; j < n4; j += j < n8 ? 8 : 4) run(i, j);
    } else {
      for (int j = 0; j < n4; j += j < n8 ? 8 : 4)
        for (int i = 0; i < m; i += 4) run(i, j);
    }
    for (int j = n4; j < n; ++j)  // the last 1-3 columns
      for (int i = 0; i < m; ++i) {
        float sum = 0.0f;
        for (int p = p0; p < p0 + kb; ++p)
          sum += (TA ? A[static_cast<std::ptrdiff_t>(p) * lda + i] : A[static_cast<std::ptrdiff_t>(i) * lda + p]) *
                 B[static_cast<std::ptrdiff_t>(p) * ldb + j];
        C[static_cast<std::ptrdiff_t>(i) * ldc + j] += alpha * sum;
      }
  }
}

// ---- dot-product kernels: op(B) = B^T (NT), A (m, k) and B (n, k) both read along k ------------------------
inline float hsum(v128_t v) {
  const v128_t s = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  return wasm_f32x4_extract_lane(wasm_f32x4_add(s, wasm_i32x4_shuffle(s, s, 1, 0, 3, 2)), 0);
}

// C[0..MR)[0..NR) += alpha * A[r, :] . B[c, :]; MR * NR <= 8 accumulators of 4 partial sums each.
template <int MR, int NR>
inline void kernel_dot(int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  v128_t acc[MR][NR];
  for (int r = 0; r < MR; ++r)
    for (int c = 0; c < NR; ++c) acc[r][c] = wasm_f32x4_splat(0.0f);
  const float* a[MR];
  const float* b[NR];
  for (int r = 0; r < MR; ++r) a[r] = A + static_cast<std::ptrdiff_t>(r) * lda;
  for (int c = 0; c < NR; ++c) b[c] = B + static_cast<std::ptrdiff_t>(c) * ldb;
  int p = 0;
  for (; p + 4 <= k; p += 4) {  // pointers step, as in kernel_broadcast
    v128_t av[MR];
    for (int r = 0; r < MR; ++r) {
      av[r] = wasm_v128_load(a[r]);
      a[r] += 4;
    }
    for (int c = 0; c < NR; ++c) {
      const v128_t bv = wasm_v128_load(b[c]);
      b[c] += 4;
      for (int r = 0; r < MR; ++r) acc[r][c] = wasm_f32x4_add(acc[r][c], wasm_f32x4_mul(av[r], bv));
    }
  }
  for (int r = 0; r < MR; ++r) {
    float* crow = C + static_cast<std::ptrdiff_t>(r) * ldc;
    const float* arow = A + static_cast<std::ptrdiff_t>(r) * lda;
    if constexpr (NR == 4) {
      // 4x4 transpose-and-add: lane c of `sums` is the total of acc[r][c].
      const v128_t t0 = wasm_i32x4_shuffle(acc[r][0], acc[r][1], 0, 4, 1, 5);
      const v128_t t1 = wasm_i32x4_shuffle(acc[r][0], acc[r][1], 2, 6, 3, 7);
      const v128_t t2 = wasm_i32x4_shuffle(acc[r][2], acc[r][3], 0, 4, 1, 5);
      const v128_t t3 = wasm_i32x4_shuffle(acc[r][2], acc[r][3], 2, 6, 3, 7);
      const v128_t s01 = wasm_f32x4_add(t0, t1), s23 = wasm_f32x4_add(t2, t3);
      v128_t sums = wasm_f32x4_add(wasm_i32x4_shuffle(s01, s23, 0, 1, 4, 5), wasm_i32x4_shuffle(s01, s23, 2, 3, 6, 7));
      if (p < k) {  // the last k % 4 terms
        alignas(16) float tail[4] = {0.0f, 0.0f, 0.0f, 0.0f};
        for (int c = 0; c < 4; ++c) {
          const float* brow = B + static_cast<std::ptrdiff_t>(c) * ldb;
          for (int q = p; q < k; ++q) tail[c] += arow[q] * brow[q];
        }
        sums = wasm_f32x4_add(sums, wasm_v128_load(tail));
      }
      wasm_v128_store(crow, wasm_f32x4_add(wasm_v128_load(crow), wasm_f32x4_mul(wasm_f32x4_splat(alpha), sums)));
    } else {
      for (int c = 0; c < NR; ++c) {
        const float* brow = B + static_cast<std::ptrdiff_t>(c) * ldb;
        float s = hsum(acc[r][c]);
        for (int q = p; q < k; ++q) s += arow[q] * brow[q];
        crow[c] += alpha * s;
      }
    }
  }
}

template <int NR>
void strip_dot(int m, int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  int i = 0;
  for (; i + 2 <= m; i += 2)
    kernel_dot<2, NR>(k, alpha, A + static_cast<std::ptrdiff_t>(i) * lda, lda, B, ldb,
                      C + static_cast<std::ptrdiff_t>(i) * ldc, ldc);
  if (i < m)
    kernel_dot<1, NR>(k, alpha, A + static_cast<std::ptrdiff_t>(i) * lda, lda, B, ldb,
                      C + static_cast<std::ptrdiff_t>(i) * ldc, ldc);
}

// A (m, k) * B^T with B stored (n, k): columns of C in strips of 4 rows of B, which stay in L1 while every
// pair of A rows passes over them.
void product_dot(int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C,
                 int ldc) {
  int j = 0;
  for (; j + 4 <= n; j += 4) strip_dot<4>(m, k, alpha, A, lda, B + static_cast<std::ptrdiff_t>(j) * ldb, ldb, C + j, ldc);
  switch (n - j) {
    case 3: strip_dot<3>(m, k, alpha, A, lda, B + static_cast<std::ptrdiff_t>(j) * ldb, ldb, C + j, ldc); break;
    case 2: strip_dot<2>(m, k, alpha, A, lda, B + static_cast<std::ptrdiff_t>(j) * ldb, ldb, C + j, ldc); break;
    case 1: strip_dot<1>(m, k, alpha, A, lda, B + static_cast<std::ptrdiff_t>(j) * ldb, ldb, C + j, ldc); break;
    default: break;
  }
}
#endif  // __wasm_simd128__

}  // namespace

void sgemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* A, int lda, const float* B,
           int ldb, float beta, float* C, int ldc) {
  check_args(transA, transB, m, n, k, lda, ldb, ldc);
  if (m == 0 || n == 0) return;
  scale_c(m, n, beta, C, ldc);
  if (k == 0 || alpha == 0.0f) return;
#if defined(__wasm_simd128__)
  if (!transB) {
    if (transA)
      product_broadcast<true>(m, n, k, alpha, A, lda, B, ldb, C, ldc);
    else
      product_broadcast<false>(m, n, k, alpha, A, lda, B, ldb, C, ldc);
    return;
  }
  if (!transA) {
    product_dot(m, n, k, alpha, A, lda, B, ldb, C, ldc);
    return;
  }
#endif
  eigen_product(transA, transB, m, n, k, alpha, A, lda, B, ldb, C, ldc);
}

void sgemm_eigen(bool transA, bool transB, int m, int n, int k, float alpha, const float* A, int lda,
                 const float* B, int ldb, float beta, float* C, int ldc) {
  check_args(transA, transB, m, n, k, lda, ldb, ldc);
  if (m == 0 || n == 0) return;
  scale_c(m, n, beta, C, ldc);
  if (k == 0 || alpha == 0.0f) return;
  eigen_product(transA, transB, m, n, k, alpha, A, lda, B, ldb, C, ldc);
}

const char* sgemm_backend() {
#if defined(__wasm_simd128__)
  return "wasm_simd128";
#else
  return "eigen";
#endif
}

}  // namespace seqlab
