#include "engine/nn/spectral_radius.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "engine/core/error.h"

namespace seqlab::nn {
namespace {

// h (n, n) row-major, in place: H = Q^T A Q upper Hessenberg, by Householder reflections I - 2 v v^T / v^T v
// that zero column k below the subdiagonal (k = 0 .. n-3).
void reduce_to_hessenberg(std::vector<double>& h, int n) {
  auto at = [&](int i, int j) -> double& { return h[static_cast<std::size_t>(i) * n + j]; };
  std::vector<double> v(n);
  for (int k = 0; k + 2 < n; ++k) {
    double norm2 = 0;
    for (int i = k + 1; i < n; ++i) norm2 += at(i, k) * at(i, k);
    if (norm2 == 0) continue;
    const double x0 = at(k + 1, k);
    const double alpha = x0 >= 0 ? -std::sqrt(norm2) : std::sqrt(norm2);   // v = x - alpha e1, no cancellation
    for (int i = k + 1; i < n; ++i) v[i] = at(i, k);
    v[k + 1] = x0 - alpha;
    double vv = 0;
    for (int i = k + 1; i < n; ++i) vv += v[i] * v[i];
    if (vv == 0) continue;
    const double beta = 2 / vv;
    for (int j = k; j < n; ++j) {   // from the left: rows k+1..n-1
      double s = 0;
      for (int i = k + 1; i < n; ++i) s += v[i] * at(i, j);
      s *= beta;
      for (int i = k + 1; i < n; ++i) at(i, j) -= s * v[i];
    }
    for (int i = 0; i < n; ++i) {   // from the right: columns k+1..n-1
      double s = 0;
      for (int j = k + 1; j < n; ++j) s += at(i, j) * v[j];
      s *= beta;
      for (int j = k + 1; j < n; ++j) at(i, j) -= s * v[j];
    }
    at(k + 1, k) = alpha;
    for (int i = k + 2; i < n; ++i) at(i, k) = 0;
  }
}

// The largest |eigenvalue| of the upper Hessenberg h (n, n), destroyed: Francis double-shift QR iteration
// (EISPACK's hqr without the Schur vectors), deflating one real root or one 2x2 block (a real or complex
// pair) at a time from the bottom of the active block.
double hessenberg_spectral_radius(std::vector<double>& h, int n) {
  auto at = [&](int i, int j) -> double& { return h[static_cast<std::size_t>(i) * n + j]; };
  const double eps = std::numeric_limits<double>::epsilon();
  double norm = 0;
  for (double x : h) norm += std::abs(x);
  double rho = 0, shift = 0;   // shift: the exceptional shifts taken so far (subtracted from the diagonal)
  int its = 0;
  for (int hi = n - 1; hi >= 0;) {
    int l = hi;   // the active block is l..hi: the first negligible subdiagonal element above hi
    for (; l > 0; --l) {
      double s = std::abs(at(l - 1, l - 1)) + std::abs(at(l, l));
      if (s == 0) s = norm;
      if (std::abs(at(l, l - 1)) <= eps * s) {
        at(l, l - 1) = 0;
        break;
      }
    }
    double x = at(hi, hi);
    if (l == hi) {   // one real root
      rho = std::max(rho, std::abs(x + shift));
      --hi;
      its = 0;
      continue;
    }
    double y = at(hi - 1, hi - 1), w = at(hi, hi - 1) * at(hi - 1, hi);
    if (l == hi - 1) {   // a 2x2 block: the roots of (x - lambda)(y - lambda) - w
      const double p = 0.5 * (y - x), q = p * p + w;
      x += shift;
      if (q >= 0) {
        const double z = p + std::copysign(std::sqrt(q), p);
        rho = std::max(rho, std::abs(x + z));
        rho = std::max(rho, std::abs(z != 0 ? x - w / z : x + z));
      } else {
        rho = std::max(rho, std::hypot(x + p, std::sqrt(-q)));
      }
      hi -= 2;
      its = 0;
      continue;
    }
    if (its == 60) throw Error("spectral radius: the eigenvalue iteration did not converge");
    if (its > 0 && its % 10 == 0) {   // an exceptional shift breaks a cycle (e.g. a permutation matrix)
      shift += x;
      for (int i = 0; i <= hi; ++i) at(i, i) -= x;
      const double s = std::abs(at(hi, hi - 1)) + std::abs(at(hi - 1, hi - 2));
      x = y = 0.75 * s;
      w = -0.4375 * s * s;
    }
    ++its;
    // Where to start the step: the first m (from the bottom) whose subdiagonal makes the first column of the
    // double-shift polynomial small enough to start there.
    int m = hi - 2;
    double p = 0, q = 0, r = 0;
    for (;; --m) {
      const double z = at(m, m), rr = x - z, s = y - z;
      p = (rr * s - w) / at(m + 1, m) + at(m, m + 1);
      q = at(m + 1, m + 1) - z - rr - s;
      r = at(m + 2, m + 1);
      const double scale = std::abs(p) + std::abs(q) + std::abs(r);
      p /= scale;
      q /= scale;
      r /= scale;
      if (m == l) break;
      const double u = std::abs(at(m, m - 1)) * (std::abs(q) + std::abs(r));
      const double v = std::abs(p) * (std::abs(at(m - 1, m - 1)) + std::abs(z) + std::abs(at(m + 1, m + 1)));
      if (u <= eps * v) break;
    }
    for (int i = m + 2; i <= hi; ++i) {
      at(i, i - 2) = 0;
      if (i != m + 2) at(i, i - 3) = 0;
    }
    // The double step: a 3x3 reflector at each k chases the bulge down the block.
    for (int k = m; k <= hi - 1; ++k) {
      if (k != m) {
        p = at(k, k - 1);
        q = at(k + 1, k - 1);
        r = k != hi - 1 ? at(k + 2, k - 1) : 0;
        x = std::abs(p) + std::abs(q) + std::abs(r);
        if (x == 0) continue;
        p /= x;
        q /= x;
        r /= x;
      }
      const double s = std::copysign(std::sqrt(p * p + q * q + r * r), p);
      if (s == 0) continue;
      if (k == m) {
        if (l != m) at(k, k - 1) = -at(k, k - 1);
      } else {
        at(k, k - 1) = -s * x;
      }
      p += s;
      x = p / s;
      y = q / s;
      const double z = r / s;
      q /= p;
      r /= p;
      for (int j = k; j <= hi; ++j) {   // rows k..k+2
        double t = at(k, j) + q * at(k + 1, j);
        if (k != hi - 1) {
          t += r * at(k + 2, j);
          at(k + 2, j) -= t * z;
        }
        at(k + 1, j) -= t * y;
        at(k, j) -= t * x;
      }
      for (int i = l; i <= std::min(hi, k + 3); ++i) {   // columns k..k+2
        double t = x * at(i, k) + y * at(i, k + 1);
        if (k != hi - 1) {
          t += z * at(i, k + 2);
          at(i, k + 2) -= t * r;
        }
        at(i, k + 1) -= t * q;
        at(i, k) -= t;
      }
    }
  }
  return rho;
}

}  // namespace

template <class S>
double spectral_radius(const S* a, int n) {
  if (n == 0) return 0.0;
  // Scaled by the largest entry (the eigenvalues scale with it), so that no product in the iteration
  // overflows or underflows.
  double scale = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(n) * n; ++i) {
    if (!std::isfinite(static_cast<double>(a[i]))) throw Error("spectral radius: the matrix has non-finite entries");
    scale = std::max(scale, std::abs(static_cast<double>(a[i])));
  }
  if (scale == 0) return 0.0;
  std::vector<double> h(static_cast<std::size_t>(n) * n);
  for (std::size_t i = 0; i < h.size(); ++i) h[i] = static_cast<double>(a[i]) / scale;
  reduce_to_hessenberg(h, n);
  return scale * hessenberg_spectral_radius(h, n);
}

template double spectral_radius<float>(const float*, int);
template double spectral_radius<double>(const double*, int);

}  // namespace seqlab::nn
