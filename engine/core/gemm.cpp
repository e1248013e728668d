// Single-precision GEMM: the WebAssembly SIMD kernels of gemm_wasm_kernels.h, Eigen elsewhere (see gemm.h).
// Legend: m, n rows and columns of C; k the inner dimension; MR x NR the block of C a kernel holds.
#include "engine/core/gemm.h"

#include <Eigen/Core>
#include <algorithm>
#include <string>

#include "engine/core/error.h"

#if defined(__wasm_simd128__)
#include "engine/core/gemm_wasm_kernels.h"
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

// ---- the kernel sets -----------------------------------------------------------------------------------
// A fixed table (no constructor runs: the relaxed-SIMD kernels may be registered from JS before static
// initialisers would have run). Entry 0 is the build's own: Eigen natively, the SIMD128 kernels under
// WebAssembly SIMD (their product() with a separate multiply and add).
struct KernelSet {
  const char* name;
  SgemmProduct product;  // nullptr: Eigen
};
constexpr int kMaxKernelSets = 4;
#if defined(__wasm_simd128__)
KernelSet kernel_sets[kMaxKernelSets] = {{"wasm_simd128", &gemm_wasm::product<gemm_wasm::SeparateMulAdd>}};
#else
KernelSet kernel_sets[kMaxKernelSets] = {{"eigen", nullptr}};
#endif
#if defined(__wasm_simd128__)
static_assert(kSgemmPackFloats >= gemm_wasm::kPackFloats, "sgemm's packing scratch is smaller than the kernels need");
#endif
int kernel_set_count = 1;
int active_kernel_set = 0;


}  // namespace

void sgemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* A, int lda, const float* B,
           int ldb, float beta, float* C, int ldc) {
  check_args(transA, transB, m, n, k, lda, ldb, ldc);
  if (m == 0 || n == 0) return;
  scale_c(m, n, beta, C, ldc);
  if (k == 0 || alpha == 0.0f) return;
  if (const SgemmProduct product = kernel_sets[active_kernel_set].product) {
    alignas(16) float pack[kSgemmPackFloats];
    if (product(transA, transB, m, n, k, alpha, A, lda, B, ldb, C, ldc, pack)) return;
  }
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

const char* sgemm_backend() { return kernel_sets[active_kernel_set].name; }

void sgemm_add_kernel(const char* name, SgemmProduct product) {
  if (name == nullptr || product == nullptr) throw Error("sgemm_add_kernel: name and product must be given");
  for (int i = 0; i < kernel_set_count; ++i)
    if (std::string(kernel_sets[i].name) == name) {
      kernel_sets[i].product = product;
      return;
    }
  if (kernel_set_count == kMaxKernelSets)
    throw Error("sgemm_add_kernel: at most " + std::to_string(kMaxKernelSets) + " kernel sets, cannot add " + name);
  kernel_sets[kernel_set_count++] = {name, product};
}

std::vector<std::string> sgemm_kernels() {
  std::vector<std::string> names;
  for (int i = 0; i < kernel_set_count; ++i) names.emplace_back(kernel_sets[i].name);
  return names;
}

void sgemm_select_kernel(const std::string& name) {
  std::string known;
  for (int i = 0; i < kernel_set_count; ++i) {
    if (name == kernel_sets[i].name) {
      active_kernel_set = i;
      return;
    }
    known += std::string(i ? ", " : "") + kernel_sets[i].name;
  }
  throw Error("sgemm: no kernel set named '" + name + "' in this build (available: " + known + ")");
}

}  // namespace seqlab
