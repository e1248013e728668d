#pragma once
// Every matrix product of the recurrent models goes through matmul_add, so that a hand-written
// WebAssembly SIMD GEMM can replace Eigen's at this one place.
//
// Why not `C.noalias() += A * B`: Eigen's GEMM allocates its packing buffers on every call once they exceed
// EIGEN_STACK_ALLOCATION_LIMIT (128 KB), which our (T*B, H) weight-gradient products do. We call the same
// GEMM kernel (general_matrix_matrix_product, Eigen 3.4) with packing buffers (GemmScratch) that are
// allocated once per product shape and reused, so a training step after the first does no heap allocation.
#include <Eigen/Core>
#include <memory>
#include <type_traits>
#include <vector>

#include "engine/core/gemm.h"

namespace seqlab::nn {

template <class S>
using MatMap = Eigen::Map<Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, 0, Eigen::OuterStride<>>;
template <class S>
using ConstMatMap =
    Eigen::Map<const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, 0, Eigen::OuterStride<>>;

// Packing buffers of Eigen's GEMM, one per (m, n, k) seen.
template <class S>
class GemmScratch {
 public:
  using Blocking = Eigen::internal::gemm_blocking_space<Eigen::RowMajor, S, S, Eigen::Dynamic, Eigen::Dynamic,
                                                        Eigen::Dynamic, 1, false>;
  Blocking& get(Eigen::Index m, Eigen::Index n, Eigen::Index k) {
    for (auto& e : entries_)
      if (e.m == m && e.n == n && e.k == k) return *e.blocking;
    entries_.push_back(Entry{m, n, k, std::make_unique<Blocking>(m, n, k, 1, true)});
    entries_.back().blocking->allocateAll();
    return *entries_.back().blocking;
  }

 private:
  struct Entry {
    Eigen::Index m, n, k;
    std::unique_ptr<Blocking> blocking;
  };
  std::vector<Entry> entries_;
};

namespace detail {
template <class S, int LhsOrder, int RhsOrder>
void gemm_run(MatMap<S>& C, const S* A, Eigen::Index lda, const S* B, Eigen::Index ldb, Eigen::Index k, S alpha,
              GemmScratch<S>& scratch) {
  Eigen::internal::general_matrix_matrix_product<Eigen::Index, S, LhsOrder, false, S, RhsOrder, false,
                                                 Eigen::RowMajor, 1>::run(C.rows(), C.cols(), k, A, lda, B, ldb,
                                                                          C.data(), 1, C.outerStride(), alpha,
                                                                          scratch.get(C.rows(), C.cols(), k));
}
}  // namespace detail

// C (m, n) += alpha * op(A) * op(B), op(X) = X or X^T; all row-major with unit inner stride.
// C must not overlap A or B.
template <class S>
void matmul_add(MatMap<S> C, ConstMatMap<S> A, bool transA, ConstMatMap<S> B, bool transB, GemmScratch<S>& scratch,
                S alpha = S(1)) {
  const Eigen::Index k = transA ? A.rows() : A.cols();
  eigen_assert((transA ? A.cols() : A.rows()) == C.rows());
  eigen_assert((transB ? B.rows() : B.cols()) == C.cols());
  eigen_assert((transB ? B.cols() : B.rows()) == k);
  if (C.rows() == 0 || C.cols() == 0 || k == 0) return;
#if defined(__wasm_simd128__)
  // WebAssembly SIMD: Eigen's GEMM reaches about half of what SIMD128 allows there; float products take the
  // register-blocked kernels of engine/core/gemm.h. Double stays on Eigen, so gradient checks in double
  // remain independent of those kernels.
  if constexpr (std::is_same_v<S, float>) {
    sgemm(transA, transB, static_cast<int>(C.rows()), static_cast<int>(C.cols()), static_cast<int>(k), alpha,
          A.data(), static_cast<int>(A.outerStride()), B.data(), static_cast<int>(B.outerStride()), 1.0f, C.data(),
          static_cast<int>(C.outerStride()));
    return;
  }
#endif
  // A row-major (k, m) read as op(A) = A^T is a column-major (m, k) with the same leading dimension.
  if (!transA && !transB)
    detail::gemm_run<S, Eigen::RowMajor, Eigen::RowMajor>(C, A.data(), A.outerStride(), B.data(), B.outerStride(), k,
                                                          alpha, scratch);
  else if (!transA && transB)
    detail::gemm_run<S, Eigen::RowMajor, Eigen::ColMajor>(C, A.data(), A.outerStride(), B.data(), B.outerStride(), k,
                                                          alpha, scratch);
  else if (transA && !transB)
    detail::gemm_run<S, Eigen::ColMajor, Eigen::RowMajor>(C, A.data(), A.outerStride(), B.data(), B.outerStride(), k,
                                                          alpha, scratch);
  else
    detail::gemm_run<S, Eigen::ColMajor, Eigen::ColMajor>(C, A.data(), A.outerStride(), B.data(), B.outerStride(), k,
                                                          alpha, scratch);
}

// C = op(A) * op(B).
template <class S>
void matmul(MatMap<S> C, ConstMatMap<S> A, bool transA, ConstMatMap<S> B, bool transB, GemmScratch<S>& scratch) {
  C.setZero();
  matmul_add<S>(C, A, transA, B, transB, scratch);
}

// Views: a (rows, cols) row-major block starting at p with leading dimension ld (default cols).
template <class S>
MatMap<S> view(S* p, Eigen::Index rows, Eigen::Index cols, Eigen::Index ld = -1) {
  return MatMap<S>(p, rows, cols, Eigen::OuterStride<>(ld < 0 ? cols : ld));
}
template <class S>
ConstMatMap<S> cview(const S* p, Eigen::Index rows, Eigen::Index cols, Eigen::Index ld = -1) {
  return ConstMatMap<S>(p, rows, cols, Eigen::OuterStride<>(ld < 0 ? cols : ld));
}

}  // namespace seqlab::nn
