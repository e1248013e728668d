#include "engine/nn/clip.h"

#include <cmath>

namespace seqlab::nn {

template <class Scalar>
double clip_gradients(Scalar* gradients, std::size_t n, double theta) {
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(gradients[i]) * gradients[i];
  const double norm = std::sqrt(sum);
  if (theta > 0.0 && norm > theta) {
    const Scalar scale = static_cast<Scalar>(theta / norm);
    for (std::size_t i = 0; i < n; ++i) gradients[i] *= scale;
  }
  return norm;
}

template double clip_gradients<float>(float*, std::size_t, double);
template double clip_gradients<double>(double*, std::size_t, double);

}  // namespace seqlab::nn
