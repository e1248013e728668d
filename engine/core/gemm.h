#pragma once
// Single-precision GEMM for the recurrent models' hot loop:  C = beta * C + alpha * op(A) * op(B),
// op(X) = X or X^T, every matrix row-major with a leading dimension (elements between row starts).
//
// Why our own: Eigen 3.4 has no WebAssembly SIMD path. Over Emscripten's SSE headers (-msse4.2) its GEMM
// reaches about half of what SIMD128 allows, because its SSE micro-kernel holds more accumulators than the
// 15 xmm registers V8 gives a loop and spills. Under __wasm_simd128__ sgemm uses the register-blocked
// kernels of gemm_wasm_kernels.h (8 f32x4 accumulators; A^T B^T stays on Eigen). Everywhere else (native,
// WebAssembly without SIMD) sgemm is Eigen's product, which natively is the better one (AVX2/FMA with
// -march=native).
//
// Kernel sets: the build's own (eigen or wasm_simd128) is always there; another can be added at run time.
// The WebAssembly loader adds "wasm_relaxed_simd" (the same kernels with f32x4.relaxed_madd, built into a
// separate module by a newer clang: wasm/kernels/) and selects it where the engine supports relaxed SIMD.
//
// Legend: m, n rows and columns of C; k the inner dimension; lda, ldb, ldc leading dimensions.
#include <string>
#include <vector>

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

// The kernel set sgemm runs now: "eigen", "wasm_simd128" or an added one (e.g. "wasm_relaxed_simd").
const char* sgemm_backend();

// A kernel set's product: C += alpha * op(A) * op(B) for sizes already checked and non-zero; returns 0 when it
// does not handle this transposition (then sgemm uses Eigen). `pack` is kSgemmPackFloats floats of 16-byte
// aligned scratch. Plain ints and pointers: in WebAssembly it may live in another module.
using SgemmProduct = int (*)(int transA, int transB, int m, int n, int k, float alpha, const float* A, int lda,
                             const float* B, int ldb, float* C, int ldc, float* pack);
constexpr int kSgemmPackFloats = 256 * 4;

// Adds a kernel set under `name` (a string that outlives the program), or replaces the product of the set
// with that name; does not select it.
void sgemm_add_kernel(const char* name, SgemmProduct product);
// The names of the kernel sets, the build's own first.
std::vector<std::string> sgemm_kernels();
// Makes sgemm use the named set; throws seqlab::Error naming the available ones for an unknown name.
void sgemm_select_kernel(const std::string& name);

}  // namespace seqlab
