#pragma once
// The train/validation split of a token stream, shared by the n-gram models and the neural trainer:
// the first train_end tokens train, the rest (the LAST val_fraction of the stream) validate.
#include <cmath>
#include <cstddef>
#include <string>

#include "engine/core/error.h"
#include "engine/core/options.h"

namespace seqlab {

struct Split {
  std::size_t train_end = 0;  // tokens [0, train_end) train, [train_end, n_tokens) validate
};

// val_fraction in [0, 1): the validation part has round(n_tokens * val_fraction) tokens. 0 keeps every
// token for training (no validation part). Throws seqlab::Error when the fraction is out of range or
// when either part would be empty (a positive fraction that rounds to no token is an error, not a
// silent "no validation").
inline Split split_tokens(std::size_t n_tokens, double val_fraction) {
  if (!(val_fraction >= 0.0 && val_fraction < 1.0))
    throw Error("validation fraction must be in [0, 1), got " + std::to_string(val_fraction));
  const auto n_val = static_cast<std::size_t>(std::llround(static_cast<double>(n_tokens) * val_fraction));
  if (val_fraction > 0.0 && n_val == 0)
    throw Error("validation fraction " + std::to_string(val_fraction) + " of " + std::to_string(n_tokens) +
                " tokens leaves no validation token; use a larger fraction or a longer text");
  if (n_val >= n_tokens)
    throw Error("validation fraction " + std::to_string(val_fraction) + " of " + std::to_string(n_tokens) +
                " tokens leaves no training token");
  return Split{n_tokens - n_val};
}

// valFraction, the corpus group's option (the corpus owns the split; the n-gram and trainer facades read the
// spec to check the key where earlier versions took it): the last share of the stream, [0, 0.5].
inline OptionSpec val_fraction_spec() {
  return number_spec("valFraction", 0, 0.5,
                     "the last fraction of the token stream held out for validation (n-grams and networks)");
}

}  // namespace seqlab
