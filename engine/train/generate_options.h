#pragma once
// The "generate" option group: the prefix to continue, how many tokens, temperature, top-k and the seed. And
// the "generateOutput" group: what `seqlab generate` prints of a generation beyond its text.
#include <cstdint>
#include <string>

#include "engine/core/options.h"
#include "engine/train/generate.h"

namespace seqlab::schema {

struct GenerateOptions {
  std::string prefix;
  int length = 100;
  double temperature = 0;  // 0 = greedy (argmax)
  int top_k = 0;           // 0 = every token
  std::uint64_t seed = 0;

  train::Decoding decoding() const;  // length, temperature, top_k (top_n: the default 5)
};

// Keys: prefix, length, temperature, topK, seed.
const OptionTable<GenerateOptions>& generate_options();

struct GenerateOutputOptions {
  bool show_top = false;  // each step's most probable tokens (generate's result holds them; printing is a choice)
};

// Keys: showTop.
const OptionTable<GenerateOutputOptions>& generate_output_options();

}  // namespace seqlab::schema
