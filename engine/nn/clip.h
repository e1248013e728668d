#pragma once
// Global-norm gradient clipping (docs/math.md §5): g <- min(1, theta / ||g||) g, the norm over all parameters.
#include <cstddef>

namespace seqlab::nn {

// Returns the L2 norm before clipping (accumulated in double); theta <= 0 means off (norm only).
template <class Scalar>
double clip_gradients(Scalar* gradients, std::size_t n, double theta);

}  // namespace seqlab::nn
