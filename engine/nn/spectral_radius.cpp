#include "engine/nn/spectral_radius.h"

#include <Eigen/Core>
#include <Eigen/Eigenvalues>

#include "engine/core/error.h"

namespace seqlab::nn {

template <class S>
double spectral_radius(const S* a, int n) {
  if (n == 0) return 0.0;
  using RowMajor = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::MatrixXd A = Eigen::Map<const RowMajor>(a, n, n).template cast<double>();
  if (!A.allFinite()) throw Error("spectral radius: the matrix has non-finite entries");
  Eigen::EigenSolver<Eigen::MatrixXd> solver(A, /*computeEigenvectors=*/false);
  if (solver.info() != Eigen::Success) throw Error("spectral radius: the eigenvalue iteration did not converge");
  return solver.eigenvalues().cwiseAbs().maxCoeff();
}

template double spectral_radius<float>(const float*, int);
template double spectral_radius<double>(const double*, int);

}  // namespace seqlab::nn
