#pragma once
// The minibatch every lab measurement runs on (Trainer::probe, the Session's linear RNN): B rows taken from
// the start of the validation tokens, row b the window [b * stride, b * stride + T) with its targets shifted
// by one. stride = T tiles a text; on a corpus of samples stride = S = T + 1 takes each row a whole sample.
// B is cut to the rows the tokens hold; fewer than T + 1 tokens is an error naming `who`.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace seqlab::train {

struct ValidationBatch {
  int B = 0, T = 0;
  std::vector<std::int32_t> inputs, targets;  // B * T each, row-major
};

ValidationBatch validation_batch(const std::int32_t* tokens, std::size_t count, int B, int T, std::size_t stride,
                                 const char* who);

}  // namespace seqlab::train
