#pragma once
// The WebAssembly SIMD GEMM kernels behind seqlab::sgemm (see gemm.h), written once and built twice:
//   - into the main module with SIMD128 (Emscripten's clang 14): a multiply-add is f32x4.mul then f32x4.add;
//   - into the relaxed-SIMD kernel module (wasm/kernels/relaxed_sgemm.cpp, clang 19 with -mrelaxed-simd):
//     a multiply-add is one f32x4.relaxed_madd, a fused multiply-add where the CPU has one.
// The kernel is a template argument (SeparateMulAdd or FusedMulAdd), so both builds run the same blocking.
// This header is freestanding (only clang's <wasm_simd128.h>, no C or C++ library): the kernel module is
// built without one, so that it needs nothing but the main module's memory.
//
// Shapes: op(B) = B (NN, TN) uses broadcast kernels (a 4x8 block of C; per k one B row segment is loaded as
// two f32x4 and each A value is splatted); op(B) = B^T (NT) uses dot-product kernels (a 2x4 block of dot
// products along k). A^T B^T (TT) is rare and not handled here (the caller uses Eigen).
// Legend: m, n rows and columns of C; k the inner dimension; lda, ldb, ldc leading dimensions; MR x NR the
// block of C a kernel holds.
#include <wasm_simd128.h>

namespace seqlab::gemm_wasm {

using Diff = __PTRDIFF_TYPE__;  // std::ptrdiff_t without <cstddef>

// Floats of packing space product() needs from its caller (16-byte aligned): kKc rows of 4.
constexpr int kKc = 256;
constexpr int kPackFloats = kKc * 4;

struct SeparateMulAdd {
  static v128_t madd(v128_t a, v128_t b, v128_t acc) { return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b)); }
};
#if defined(__wasm_relaxed_simd__)
// relaxed_madd may round once (fused) or twice (mul then add), whichever the CPU does fast.
struct FusedMulAdd {
  static v128_t madd(v128_t a, v128_t b, v128_t acc) { return wasm_f32x4_relaxed_madd(a, b, acc); }
};
#endif

inline int min_int(int a, int b) { return a < b ? a : b; }

// ---- broadcast kernels: op(B) = B ------------------------------------------------------------------------
// C[0..MR)[0..4*NV) += alpha * sum_p op(A)(r, p) * B(p, :). A points at op(A)'s row 0: element (r, p) is
// A[p * lda + r] when TA (A stored (k, m)), else A[r * lda + p]. MR * NV <= 8 accumulators: with the two B
// vectors and the splat V8 keeps everything in its 15 xmm registers (more accumulators spill).
template <class K, int MR, int NV, bool TA>
inline void kernel_broadcast(int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C,
                             int ldc) {
  v128_t acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_splat(0.0f);
  // Pointers step through k instead of being recomputed from p: Emscripten disables LLVM's loop strength
  // reduction (-disable-lsr), so an index expression would cost a multiply per row per step.
  const float* b = B;
  const float* a[MR];
  for (int r = 0; r < MR; ++r) a[r] = TA ? A + r : A + static_cast<Diff>(r) * lda;
  const Diff a_step = TA ? lda : 1;
  for (int p = 0; p < k; ++p) {
    v128_t bv[NV];
    for (int v = 0; v < NV; ++v) bv[v] = wasm_v128_load(b + 4 * v);
    for (int r = 0; r < MR; ++r) {
      const v128_t av = wasm_v128_load32_splat(a[r]);
      for (int v = 0; v < NV; ++v) acc[r][v] = K::madd(av, bv[v], acc[r][v]);
      a[r] += a_step;
    }
    b += ldb;
  }
  const v128_t al = wasm_f32x4_splat(alpha);
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) {
      float* c = C + static_cast<Diff>(r) * ldc + 4 * v;
      wasm_v128_store(c, K::madd(al, acc[r][v], wasm_v128_load(c)));
    }
}

// A block of `rows` (1-4) rows of C and 4 * NV columns.
template <class K, int NV, bool TA>
inline void block_broadcast(int rows, int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C,
                            int ldc) {
  switch (rows) {
    case 4: kernel_broadcast<K, 4, NV, TA>(k, alpha, A, lda, B, ldb, C, ldc); break;
    case 3: kernel_broadcast<K, 3, NV, TA>(k, alpha, A, lda, B, ldb, C, ldc); break;
    case 2: kernel_broadcast<K, 2, NV, TA>(k, alpha, A, lda, B, ldb, C, ldc); break;
    case 1: kernel_broadcast<K, 1, NV, TA>(k, alpha, A, lda, B, ldb, C, ldc); break;
    default: break;
  }
}

// The block of C at row i, column j over the chunk of k at p0 (kb long): 8 columns, or 4 past n8.
// (A function, not a lambda: a closure the compiler does not inline lives on the stack, and the relaxed
// kernel module has none.)
template <class K, bool TA>
inline void block_at(int i, int j, int p0, int kb, int m, int n8, float alpha, const float* A, int lda,
                     const float* B, int ldb, float* C, int ldc) {
  const float* a = TA ? A + static_cast<Diff>(p0) * lda + i : A + static_cast<Diff>(i) * lda + p0;
  const float* b = B + static_cast<Diff>(p0) * ldb + j;
  float* c = C + static_cast<Diff>(i) * ldc + j;
  const int rows = min_int(4, m - i);
  if (j < n8)
    block_broadcast<K, 2, TA>(rows, kb, alpha, a, lda, b, ldb, c, ldc);
  else
    block_broadcast<K, 1, TA>(rows, kb, alpha, a, lda, b, ldb, c, ldc);
}

// op(A) (m, k) * B (k, n), accumulated into C with alpha: blocks of 4 rows x 8 columns (then 4 columns, then
// scalar columns), k in chunks of kKc. The loop order follows the shape. With few rows (the per-step
// products, m = B) a strip of B (kKc x 8) stays in L1 while every row block passes over it. With many rows
// (the weight gradients, m = G*H, op(A) = dA^T over T*B rows) op(A) is larger than L2 and would be streamed
// again for every strip, so rows go outside: a row block of op(A) (4 x kKc) stays in L1, the chunk of B in L2.
template <class K, bool TA>
void product_broadcast(int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C,
                       int ldc, float* pack) {
  const bool rows_outer = m >= 64;
  const int n8 = n - n % 8, n4 = n - n % 4;
  for (int p0 = 0; p0 < k; p0 += kKc) {
    const int kb = min_int(kKc, k - p0);
    if (rows_outer && TA) {
      // The weight gradients (op(A) = dA^T, stored (k, m)): read in place, the 4 values of op(A) a step needs
      // sit one stored row (G*H floats, 1-4 KB) apart, so the block's 256 rows fall in a handful of L1 sets
      // and miss for every 8-column strip of C. Packed once per row block (kb x 4, contiguous in `pack`),
      // they stay in L1 while every strip passes. (Packing B's chunk too measured slower.)
      for (int i = 0; i < m; i += 4) {
        const int rows = min_int(4, m - i);
        const float* src = A + static_cast<Diff>(p0) * lda + i;
        if (rows == 4) {
          for (int p = 0; p < kb; ++p, src += lda) wasm_v128_store(pack + 4 * p, wasm_v128_load(src));
        } else {
          for (int p = 0; p < kb; ++p, src += lda)
            for (int r = 0; r < rows; ++r) pack[4 * p + r] = src[r];
        }
        float* c = C + static_cast<Diff>(i) * ldc;
        for (int j = 0; j < n8; j += 8)
          block_broadcast<K, 2, true>(rows, kb, alpha, pack, 4, B + static_cast<Diff>(p0) * ldb + j, ldb, c + j, ldc);
        if (n8 < n4) block_at<K, TA>(i, n8, p0, kb, m, n8, alpha, A, lda, B, ldb, C, ldc);
      }
    } else if (rows_outer) {
      for (int i = 0; i < m; i += 4)
        for (int j = 0; j < n4; j += j < n8 ? 8 : 4) block_at<K, TA>(i, j, p0, kb, m, n8, alpha, A, lda, B, ldb, C, ldc);
    } else {
      for (int j = 0; j < n4; j += j < n8 ? 8 : 4)
        for (int i = 0; i < m; i += 4) block_at<K, TA>(i, j, p0, kb, m, n8, alpha, A, lda, B, ldb, C, ldc);
    }
    for (int j = n4; j < n; ++j)  // the last 1-3 columns
      for (int i = 0; i < m; ++i) {
        float sum = 0.0f;
        for (int p = p0; p < p0 + kb; ++p)
          sum += (TA ? A[static_cast<Diff>(p) * lda + i] : A[static_cast<Diff>(i) * lda + p]) *
                 B[static_cast<Diff>(p) * ldb + j];
        C[static_cast<Diff>(i) * ldc + j] += alpha * sum;
      }
  }
}

// ---- dot-product kernels: op(B) = B^T (NT), A (m, k) and B (n, k) both read along k ------------------------
inline float hsum(v128_t v) {
  const v128_t s = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  return wasm_f32x4_extract_lane(wasm_f32x4_add(s, wasm_i32x4_shuffle(s, s, 1, 0, 3, 2)), 0);
}

// C[0..MR)[0..NR) += alpha * A[r, :] . B[c, :]; MR * NR <= 8 accumulators of 4 partial sums each.
template <class K, int MR, int NR>
inline void kernel_dot(int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  v128_t acc[MR][NR];
  for (int r = 0; r < MR; ++r)
    for (int c = 0; c < NR; ++c) acc[r][c] = wasm_f32x4_splat(0.0f);
  const float* a[MR];
  const float* b[NR];
  for (int r = 0; r < MR; ++r) a[r] = A + static_cast<Diff>(r) * lda;
  for (int c = 0; c < NR; ++c) b[c] = B + static_cast<Diff>(c) * ldb;
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
      for (int r = 0; r < MR; ++r) acc[r][c] = K::madd(av[r], bv, acc[r][c]);
    }
  }
  for (int r = 0; r < MR; ++r) {
    float* crow = C + static_cast<Diff>(r) * ldc;
    const float* arow = A + static_cast<Diff>(r) * lda;
    if constexpr (NR == 4) {
      // 4x4 transpose-and-add: lane c of `sums` is the total of acc[r][c].
      const v128_t t0 = wasm_i32x4_shuffle(acc[r][0], acc[r][1], 0, 4, 1, 5);
      const v128_t t1 = wasm_i32x4_shuffle(acc[r][0], acc[r][1], 2, 6, 3, 7);
      const v128_t t2 = wasm_i32x4_shuffle(acc[r][2], acc[r][3], 0, 4, 1, 5);
      const v128_t t3 = wasm_i32x4_shuffle(acc[r][2], acc[r][3], 2, 6, 3, 7);
      const v128_t s01 = wasm_f32x4_add(t0, t1), s23 = wasm_f32x4_add(t2, t3);
      v128_t sums = wasm_f32x4_add(wasm_i32x4_shuffle(s01, s23, 0, 1, 4, 5), wasm_i32x4_shuffle(s01, s23, 2, 3, 6, 7));
      if (p < k) {  // the last k % 4 terms
        float tail[4] = {0.0f, 0.0f, 0.0f, 0.0f};
        for (int c = 0; c < 4; ++c) {
          const float* brow = B + static_cast<Diff>(c) * ldb;
          for (int q = p; q < k; ++q) tail[c] += arow[q] * brow[q];
        }
        sums = wasm_f32x4_add(sums, wasm_f32x4_make(tail[0], tail[1], tail[2], tail[3]));
      }
      wasm_v128_store(crow, K::madd(wasm_f32x4_splat(alpha), sums, wasm_v128_load(crow)));
    } else {
      for (int c = 0; c < NR; ++c) {
        const float* brow = B + static_cast<Diff>(c) * ldb;
        float s = hsum(acc[r][c]);
        for (int q = p; q < k; ++q) s += arow[q] * brow[q];
        crow[c] += alpha * s;
      }
    }
  }
}

template <class K, int NR>
void strip_dot(int m, int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C, int ldc) {
  int i = 0;
  for (; i + 2 <= m; i += 2)
    kernel_dot<K, 2, NR>(k, alpha, A + static_cast<Diff>(i) * lda, lda, B, ldb, C + static_cast<Diff>(i) * ldc, ldc);
  if (i < m)
    kernel_dot<K, 1, NR>(k, alpha, A + static_cast<Diff>(i) * lda, lda, B, ldb, C + static_cast<Diff>(i) * ldc, ldc);
}

// A (m, k) * B^T with B stored (n, k): columns of C in strips of 4 rows of B, which stay in L1 while every
// pair of A rows passes over them.
template <class K>
void product_dot(int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb, float* C,
                 int ldc) {
  int j = 0;
  for (; j + 4 <= n; j += 4) strip_dot<K, 4>(m, k, alpha, A, lda, B + static_cast<Diff>(j) * ldb, ldb, C + j, ldc);
  switch (n - j) {
    case 3: strip_dot<K, 3>(m, k, alpha, A, lda, B + static_cast<Diff>(j) * ldb, ldb, C + j, ldc); break;
    case 2: strip_dot<K, 2>(m, k, alpha, A, lda, B + static_cast<Diff>(j) * ldb, ldb, C + j, ldc); break;
    case 1: strip_dot<K, 1>(m, k, alpha, A, lda, B + static_cast<Diff>(j) * ldb, ldb, C + j, ldc); break;
    default: break;
  }
}

// C += alpha * op(A) * op(B) for NN, TN and NT; returns 0 for TT (not handled: the caller uses Eigen).
// `pack` is kPackFloats floats of 16-byte-aligned scratch. Sizes are already checked and non-zero.
template <class K>
int product(int transA, int transB, int m, int n, int k, float alpha, const float* A, int lda, const float* B,
            int ldb, float* C, int ldc, float* pack) {
  if (!transB) {
    if (transA)
      product_broadcast<K, true>(m, n, k, alpha, A, lda, B, ldb, C, ldc, pack);
    else
      product_broadcast<K, false>(m, n, k, alpha, A, lda, B, ldb, C, ldc, pack);
    return 1;
  }
  if (!transA) {
    product_dot<K>(m, n, k, alpha, A, lda, B, ldb, C, ldc);
    return 1;
  }
  return 0;
}

}  // namespace seqlab::gemm_wasm
