#include "engine/train/validation_batch.h"

#include <algorithm>
#include <string>

#include "engine/core/error.h"

namespace seqlab::train {

ValidationBatch validation_batch(const std::int32_t* tokens, std::size_t count, int B, int T, std::size_t stride,
                                 const char* who) {
  if (count < static_cast<std::size_t>(T) + 1)
    throw Error(std::string(who) + ": the validation part has " + std::to_string(count) +
                " tokens, fewer than steps + 1 = " + std::to_string(T + 1));
  ValidationBatch v;
  v.T = T;
  v.B = static_cast<int>(std::min<std::size_t>(B, (count - 1 - T) / stride + 1));
  v.inputs.resize(static_cast<std::size_t>(v.B) * T);
  v.targets.resize(v.inputs.size());
  for (std::size_t b = 0; b < static_cast<std::size_t>(v.B); ++b)
    for (std::size_t t = 0; t < static_cast<std::size_t>(T); ++t) {
      v.inputs[b * T + t] = tokens[b * stride + t];
      v.targets[b * T + t] = tokens[b * stride + t + 1];
    }
  return v;
}

}  // namespace seqlab::train
