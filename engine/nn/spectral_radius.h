#pragma once
// The spectral radius rho(A) = max_i |lambda_i| of a square matrix, the quantity that decides whether the
// linear RNN's gradient (W_hh^T)^(T-t) vanishes (rho < 1) or explodes (rho > 1) (MATH §5, the BPTT lab).
// Computed in double from all eigenvalues (Eigen's EigenSolver: real Schur form, so a dominant complex pair
// counts by its modulus), not by power iteration, which does not converge when the two largest
// eigenvalues are a complex pair of the same modulus.
namespace seqlab::nn {

template <class S>
double spectral_radius(const S* a,  // (n, n) row-major
                       int n);

}  // namespace seqlab::nn
