#pragma once
// Single-precision GEMM for the recurrent models' hot loop:  C = beta * C + alpha * op(A) * op(B),
// op(X) = X or X^T, every matrix row-major with a leading dimension (elements between row starts).
//
// Why our own: Eigen 3.4 has no WebAssembly SIMD path. Over Emscripten's SSE headers (-msse4.2) its GEMM
// reaches about half of what SIMD128 allows, because its SSE micro-kernel holds more accumulators than the
// 15 xmm registers V8 gives a loop and spills. Under __wasm_simd128__ sgemm uses register-blocked
// <wasm_simd128.h> kernels (clang's header, not Emscripten's) that keep 8 f32x4 accumulators:
//   op(B) = B   (NN, TN): a 4x8 block of C; per k one B row segment is loaded as two f32x4 and each A value
//                        is splatted (broadcast kernel);
//   op(B) = B^T (NT):     a 2x4 block of dot products along k (rows of A against rows of B);
//   A^T B^T     (TT):     rare; Eigen.
// Everywhere else (native, WebAssembly without SIMD) sgemm is Eigen's product, which natively is the better
// one (AVX2/FMA with -march=native).
//
// Legend: m, n rows and columns of C; k the inner dimension; lda, ldb, ldc leading dimensions.
namespace seqlab {

// C (m, n) = beta * C + alpha * op(A) (m, k) * op(B) (k, n).
// A is stored (m, k) (transA false) or (k, m) (transA true), B (k, n) or (n, k). C must not overlap A or B.
// beta == 0 overwrites C without reading it. Throws seqlab::Error for negative sizes or too small
// leading dimensions.
void sgemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* A, int lda, const float* B,
           int ldb, float beta, float* C, int ldc);

// The same product through Eigen on every target: the reference the benchmark compares against.
void sgemm_eigen(bool transA, bool transB, int m, int n, int k, float alpha, const float* A, int lda,
                 const float* B, int ldb, float beta, float* C, int ldc);

// "wasm_simd128" when sgemm uses the hand-written kernels in this build, else "eigen".
const char* sgemm_backend();

}  // namespace seqlab
