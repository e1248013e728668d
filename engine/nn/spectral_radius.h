#pragma once
// The spectral radius rho(A) = max_i |lambda_i| of a square matrix, the quantity that decides whether the
// linear RNN's gradient (W_hh^T)^(T-t) vanishes (rho < 1) or explodes (rho > 1) (docs/math.md §5, the BPTT lab).
// Computed in double from all eigenvalues (Householder reduction to Hessenberg form, then Francis
// double-shift QR, deflating real roots and 2x2 blocks, so a dominant complex pair counts by its modulus),
// not by power iteration, which does not converge when the two largest eigenvalues are a complex pair of
// the same modulus. Written here instead of Eigen's EigenSolver, which agrees to ~1e-14 but adds 18 KB
// gzipped (Schur vectors, eigenvectors, complex arithmetic) to the page's module for one number.
namespace seqlab::nn {

template <class S>
double spectral_radius(const S* a,  // (n, n) row-major
                       int n);

}  // namespace seqlab::nn
